import type { Db } from '../../db/database.ts';
import { findInsightsAggregates, findInsightsComputedAt } from '../../db/queries/insights-reads.ts';
import { hasActivity, insightsSections } from './insights-charts.ts';
import type { InsightsReport } from './insights-report.ts';

/**
 * The admins' insights for a workspace, read only from the precomputed aggregates (a few hundred rows), every figure
 * through the small-group rule. Before the first computation, or with nothing to measure, it is the empty report.
 */
export async function buildInsightsReport(db: Db, workspaceId: string, _now: Date): Promise<InsightsReport> {
  const aggregates = await findInsightsAggregates(db, workspaceId);
  if (!aggregates.state || !hasActivity(aggregates)) return { computedAt: null, hasData: false, sections: [] };
  return { computedAt: aggregates.state.computed_at, hasData: true, sections: insightsSections(aggregates) };
}

/**
 * When the workspace's insights were last computed, or null before the first run. Every computation writes this time
 * once all its aggregates have committed, so a report built since this time is still the workspace's report (one
 * built while a computation runs may hold one part's new figures beside the other's old, and is built again when the
 * time moves).
 */
export async function insightsComputedAt(db: Db, workspaceId: string): Promise<Date | null> {
  return (await findInsightsComputedAt(db, workspaceId)) ?? null;
}
