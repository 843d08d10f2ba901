import type { Db } from '../../db/database.ts';
import {
  deleteInsightsDrawingsExcept,
  findInsightsDrawingKeys,
  findInsightsDrawings,
  insertInsightsDrawings,
  lockInsightsDrawings,
} from '../../db/queries/insights-drawings.ts';
import { buildInsightsReport } from './build-insights-report.ts';
import type { InsightsReport } from './insights-report.ts';

export interface ChartDrawing {
  key: string;
  svg: string;
}

/**
 * Draws a report's charts: the key of every chart it has, and a drawing for each key not already stored. The domain
 * knows no renderer, so the caller passes the drawing in.
 */
export type DrawReport = (
  report: InsightsReport,
  stored: ReadonlySet<string>,
) => { keys: string[]; drawn: ChartDrawing[] };

/** The stored drawings of a workspace's charts among `keys`, as key → SVG. */
export async function findStoredDrawings(
  db: Db,
  workspaceId: string,
  keys: readonly string[],
): Promise<Map<string, string>> {
  return await findInsightsDrawings(db, workspaceId, keys);
}

/**
 * Draws the charts of a workspace's report as it stands and keeps exactly those drawings, right after a computation,
 * so a page view reads them instead of drawing. A chart whose drawing is already stored is not drawn again. Under a
 * per-workspace lock from reading the report to storing: of two computations in a row, whichever stores last read the
 * newer report, so the stored drawings never go back to an older one.
 */
export async function storeReportDrawings(
  db: Db,
  input: { workspaceId: string; now: Date; draw: DrawReport },
): Promise<{ kept: number; drawn: number }> {
  return await db.transaction().execute(async (trx) => {
    await lockInsightsDrawings(trx, input.workspaceId);
    const report = await buildInsightsReport(trx, input.workspaceId, input.now);
    const stored = new Set(await findInsightsDrawingKeys(trx, input.workspaceId));
    const { keys, drawn } = input.draw(report, stored);
    await deleteInsightsDrawingsExcept(trx, input.workspaceId, keys);
    await insertInsightsDrawings(trx, input.workspaceId, drawn, input.now);
    return { kept: keys.length, drawn: drawn.length };
  });
}
