import { storeReportDrawings } from '../src/domain/insights/insights-drawings.ts';
import { drawReportCharts } from '../src/http/insights/report-drawings.ts';
import type { ProcessorDeps } from './processor.ts';

/**
 * Draws the admins' insights charts right after a computation and stores them, so the first page view after it reads
 * SVGs instead of drawing them (docs/insights.md). The figures are already committed: a failure here is logged, not
 * retried with the computation, and the page draws what it does not find.
 */
export async function drawInsightsCharts(deps: Pick<ProcessorDeps, 'db' | 'clock' | 'logger'>, workspaceId: string) {
  try {
    return await storeReportDrawings(deps.db, { workspaceId, now: deps.clock.now(), draw: drawReportCharts });
  } catch (error) {
    deps.logger.warn({ err: error, workspaceId }, 'insights charts not drawn; the page will draw them');
    return undefined;
  }
}
