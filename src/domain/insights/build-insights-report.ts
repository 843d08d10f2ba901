import type { Db } from '../../db/database.ts';
import type { InsightsReport } from './insights-report.ts';

/**
 * The admins' insights report for a workspace, read from the precomputed aggregates. Until aggregates are computed
 * for a workspace there is nothing to show, and the page says how to get data.
 */
export async function buildInsightsReport(_db: Db, _workspaceId: string, _now: Date): Promise<InsightsReport> {
  return { computedAt: null, hasData: false, sections: [] };
}
