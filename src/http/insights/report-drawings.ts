import type { ChartOption } from '../../charts/render-chart.ts';
import type { Db } from '../../db/database.ts';
import { type DrawReport, findStoredDrawings } from '../../domain/insights/insights-drawings.ts';
import type { InsightsReport } from '../../domain/insights/insights-report.ts';
import { chartDrawingKey, type DrawingMemory, drawChartSvg } from './chart-svg-cache.ts';
import { insightChartOption } from './insight-chart-option.ts';

export interface ChartOptionKey {
  option: ChartOption;
  key: string;
}

export interface DrawnChart {
  option: ChartOption;
  svg: string;
}

/** The option and drawing key of every chart of a report that is drawn, by chart id (headline figures are text). */
export function reportChartOptions(report: InsightsReport): Map<string, ChartOptionKey> {
  const options = new Map<string, ChartOptionKey>();
  for (const section of report.sections) {
    for (const chart of section.charts) {
      const option = insightChartOption(chart);
      if (option) options.set(chart.id, { option, key: chartDrawingKey(option) });
    }
  }
  return options;
}

/**
 * Run by the worker after each computation (`storeReportDrawings`): every chart's key, and a drawing of each one
 * not stored yet, so after an update only the charts whose figures changed are drawn again.
 */
export const drawReportCharts: DrawReport = (report, stored) => {
  const charts = [...reportChartOptions(report).values()];
  const keys = [...new Set(charts.map((chart) => chart.key))];
  const drawn = new Map<string, string>();
  for (const { option, key } of charts) {
    if (!stored.has(key) && !drawn.has(key)) drawn.set(key, drawChartSvg(option));
  }
  return { keys, drawn: [...drawn].map(([key, svg]) => ({ key, svg })) };
};

/**
 * The page's drawings, by chart id: what this process served before, else what the worker stored after the
 * computation (one read for all of them), else, before the worker has drawn them, drawn here.
 */
export async function pageDrawings(
  db: Db,
  workspaceId: string,
  report: InsightsReport,
  memory: DrawingMemory,
): Promise<Map<string, DrawnChart>> {
  const charts = reportChartOptions(report);
  const missing = [...charts.values()].map((c) => c.key).filter((key) => memory.get(workspaceId, key) === undefined);
  const stored = missing.length > 0 ? await findStoredDrawings(db, workspaceId, missing) : new Map<string, string>();
  const drawings = new Map<string, DrawnChart>();
  for (const [id, { option, key }] of charts) {
    let svg = memory.get(workspaceId, key) ?? stored.get(key);
    if (svg === undefined) svg = drawChartSvg(option);
    memory.set(workspaceId, key, svg);
    drawings.set(id, { option, svg });
  }
  return drawings;
}
