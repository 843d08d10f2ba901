import type { ChartOption } from '../../charts/render-chart.ts';
import type { InsightCell, InsightChart } from '../../domain/insights/insights-report.ts';

/**
 * A figure as the chart draws it: a number, or null for a hidden one. ECharts leaves a null out (a gap in a line, no
 * bar, an empty heatmap cell), so a figure hidden for privacy is never drawn as 0; the table beside the chart names why.
 */
export function drawnValue(cell: InsightCell | undefined, unit: InsightChart['unit']): number | null {
  // A number is a shown figure; every string is a label or a privacy marker ("fewer than 5", "withheld").
  if (typeof cell !== 'number') return null;
  return unit === 'share' ? Math.round(cell * 1000) / 10 : cell;
}

const label = (cell: InsightCell | undefined) => String(cell ?? '');

const symbolLimit = 24;
const labelledCells = 144;

const palette = ['#4a154b', '#1264a3', '#2eb67d', '#ecb22e', '#e01e5a', '#36c5f0'];

function valueAxis(unit: InsightChart['unit']) {
  return { type: 'value' as const, axisLabel: unit === 'share' ? { formatter: '{value}%' } : {} };
}

/** A sankey node may not appear on both sides, so the receiving side's names carry an invisible mark. */
const receiving = (name: string) => `${name}\u200b`;

/** A heatmap draws at most this many rows and columns: more cells are unreadable at the page's size, and slow to draw. */
export const heatmapLimit = 30;

/**
 * The rows and columns a heatmap draws: all of them, or for a larger table the `heatmapLimit` rows with the most (shown)
 * connections and the columns of the same names, so the drawing stays square; the table and the CSV keep every one.
 * Choosing cells to draw computes no figure: each drawn cell is the report's own, guarded.
 */
export function heatmapShown(chart: InsightChart): {
  rows: InsightCell[][];
  columns: Array<{ name: string; index: number }>;
  hiddenRows: number;
} {
  const columns = chart.table.columns.slice(1).map((name, i) => ({ name, index: i + 1 }));
  const rows = chart.table.rows;
  if (rows.length <= heatmapLimit && columns.length <= heatmapLimit) return { rows, columns, hiddenRows: 0 };
  const weight = (row: InsightCell[]) =>
    row.slice(1).reduce<number>((sum, cell) => sum + (typeof cell === 'number' ? cell : 0), 0);
  const kept = rows
    .map((row, order) => ({ row, order, weight: weight(row) }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, heatmapLimit)
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.row);
  const names = new Set(kept.map((row) => label(row[0])));
  const keptColumns = columns.filter((column) => names.has(column.name));
  return {
    rows: kept,
    columns: keptColumns.length > 0 ? keptColumns : columns.slice(0, heatmapLimit),
    hiddenRows: rows.length - kept.length,
  };
}

/**
 * The ECharts option for a chart, by its kind; the same object is drawn as SVG on the server and handed to ECharts in
 * the browser. `figures` are headline numbers, shown as text: undefined.
 */
export function insightChartOption(chart: InsightChart): ChartOption | undefined {
  const { columns, rows } = chart.table;
  const base = { color: palette, tooltip: {}, textStyle: { fontFamily: 'DejaVu Sans, sans-serif' } };
  switch (chart.kind) {
    case 'line':
    case 'bar':
      return {
        ...base,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 16, top: 36, bottom: 32, containLabel: true },
        xAxis: { type: 'category', data: rows.map((row) => label(row[0])) },
        yAxis: valueAxis(chart.unit),
        series: columns.slice(1).map((name, index) => ({
          name,
          type: chart.kind,
          data: rows.map((row) => drawnValue(row[index + 1], chart.unit)),
          // A year of weeks is too dense for a marker per point; a short series keeps them so a lone point shows.
          ...(chart.kind === 'line' ? { connectNulls: false, showSymbol: rows.length <= symbolLimit } : {}),
        })),
      } as ChartOption;
    case 'heatmap': {
      const { rows: drawnRows, columns: drawnColumns } = heatmapShown(chart);
      const data: Array<[number, number, number]> = [];
      drawnRows.forEach((row, y) => {
        drawnColumns.forEach((column, x) => {
          const value = drawnValue(row[column.index], chart.unit);
          if (value !== null) data.push([x, y, value]);
        });
      });
      const values = data.map((point) => point[2]);
      return {
        ...base,
        tooltip: { position: 'top' },
        grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
        xAxis: {
          type: 'category',
          data: drawnColumns.map((column) => column.name),
          axisLabel: { rotate: drawnColumns.length > 12 ? 45 : 0 },
        },
        yAxis: { type: 'category', data: drawnRows.map((row) => label(row[0])) },
        visualMap: {
          min: values.length > 0 ? Math.min(...values) : 0,
          max: values.length > 0 ? Math.max(...values) : 1,
          calculable: true,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          inRange: { color: ['#f4ede4', '#4a154b'] },
        },
        // Numbers in the cells read well on a small grid; on a large one they are thousands of unreadable labels.
        series: [{ name: chart.title, type: 'heatmap', data, label: { show: data.length <= labelledCells } }],
      } as ChartOption;
    }
    case 'flow': {
      const links = rows.flatMap((row) => {
        const value = drawnValue(row[2], chart.unit);
        return value === null || value <= 0 ? [] : [{ source: label(row[0]), target: receiving(label(row[1])), value }];
      });
      const names = [...new Set(links.flatMap((link) => [link.source, link.target]))];
      return {
        ...base,
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'sankey',
            data: names.map((name) => ({ name })),
            links,
            emphasis: { focus: 'adjacency' },
            lineStyle: { color: 'gradient', curveness: 0.5 },
          },
        ],
      } as ChartOption;
    }
    case 'figures':
      return undefined;
  }
}
