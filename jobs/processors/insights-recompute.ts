import { recomputeInsights } from '../../src/domain/insights/compute-insights.ts';
import { drawInsightsCharts } from '../insights-drawings.ts';
import type { Processor } from '../processor.ts';

/** The daily full recomputation of a workspace's insights: it also picks up team changes and people who left. */
export const processInsightsRecompute: Processor<'insights.recompute'> = async (data, { deps }) => {
  const computed = await recomputeInsights(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  const drawings = await drawInsightsCharts(deps, data.workspaceId);
  return { ...computed, drawings };
};
