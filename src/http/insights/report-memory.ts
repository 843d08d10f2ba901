import type { InsightsReport } from '../../domain/insights/insights-report.ts';

/** A workspace's report as a web process last built it, with the page's sections drawn from it. */
export interface RememberedReport {
  /** The computation it was built after (`insightsComputedAt`), as milliseconds; null before the first. */
  computedAt: number | null;
  report: InsightsReport;
  /** The page's sections: the same for every admin of the workspace until the next computation. */
  sections: string;
}

export interface ReportMemory {
  get(workspaceId: string): RememberedReport | undefined;
  set(workspaceId: string, remembered: RememberedReport): void;
}

/**
 * Reports change only when a computation runs (daily, or every few minutes while events arrive) while admins reload
 * the page: a reload reads the computation's time alone and, when it is the one remembered, neither builds the
 * report again (250 teams make a 62,500-cell table) nor writes its sections. The least recently used go first.
 */
export function createReportMemory(capacity = 20): ReportMemory {
  const remembered = new Map<string, RememberedReport>();
  return {
    get(workspaceId) {
      const known = remembered.get(workspaceId);
      if (known !== undefined) {
        remembered.delete(workspaceId);
        remembered.set(workspaceId, known);
      }
      return known;
    },
    set(workspaceId, value) {
      remembered.delete(workspaceId);
      remembered.set(workspaceId, value);
      if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as string);
    },
  };
}
