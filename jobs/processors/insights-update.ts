import { updateInsights } from '../../src/domain/insights/compute-insights.ts';
import { drawInsightsCharts } from '../insights-drawings.ts';
import type { Processor } from '../processor.ts';

/** Brings a workspace's insights up to date with the events since the last computation; safe to run twice. */
export const processInsightsUpdate: Processor<'insights.update'> = async (data, { deps }) => {
  const computed = await updateInsights(deps.db, { workspaceId: data.workspaceId, now: deps.clock.now() });
  const drawings = await drawInsightsCharts(deps, data.workspaceId);
  return { ...computed, drawings };
};
