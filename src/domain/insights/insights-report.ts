import type { Guarded } from '../privacy/small-groups.ts';

/**
 * What the admins' insights page shows, already through the small-group rule: the page and its CSV downloads render
 * these cells as they are and never compute a figure of their own, so nothing they show can single anyone out.
 */
export type InsightCell = string | Guarded<number>;

/** The table behind one chart; its CSV download is exactly these columns and rows. */
export interface InsightTable {
  columns: string[];
  rows: InsightCell[][];
}

/**
 * How the page draws a table:
 * - `line`: the first column is the period (x axis), every other column a series;
 * - `bar`: the first column names the bars, every other column a series;
 * - `heatmap`: the first column names the rows, the other columns' headers name the columns (team × team);
 * - `flow`: rows of (from, to, value), drawn as a Sankey diagram (kudos between departments);
 * - `figures`: rows of (label, value), shown as headline numbers.
 */
export type InsightChartKind = 'line' | 'bar' | 'heatmap' | 'flow' | 'figures';

export interface InsightChart {
  /** Stable, URL-safe: the CSV is served at /insights/csv/<id>.csv. */
  id: string;
  title: string;
  /** One or two sentences: what the figure means and how it is counted (from docs/insights.md). */
  explanation: string;
  kind: InsightChartKind;
  /** Values in this table are shares from 0 to 1 (drawn and exported as percentages). */
  unit: 'count' | 'share' | 'index';
  table: InsightTable;
}

export interface InsightSection {
  id: string;
  title: string;
  charts: InsightChart[];
}

export interface InsightsReport {
  /** When the aggregates were last computed; null before the first run (the page then says how to get data). */
  computedAt: Date | null;
  /** False when the workspace has no activity to measure yet: the page shows its empty state. */
  hasData: boolean;
  sections: InsightSection[];
}
