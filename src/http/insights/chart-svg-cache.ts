import { createHash } from 'node:crypto';
import { type ChartOption, chartRendererVersion, renderChartSvg } from '../../charts/render-chart.ts';

export const chartSize = { width: 720, height: 320 };

/**
 * What a chart's drawing is known by: a hash of the option, the size and the renderer's version. The same option is
 * always the same picture, so every process (the worker that draws after a computation, each web process) computes the
 * same key for it, and a release with another ECharts draws afresh.
 */
export function chartDrawingKey(option: ChartOption): string {
  return createHash('sha256')
    .update(`${chartRendererVersion} ${chartSize.width}x${chartSize.height} `)
    .update(JSON.stringify(option))
    .digest('base64url');
}

/** Drawings a web process has served, by workspace and key (`createDrawingMemory`). */
export interface DrawingMemory {
  get(workspaceId: string, key: string): string | undefined;
  set(workspaceId: string, key: string, svg: string): void;
}

/**
 * Reports change once a day or as events arrive while admins reload the page, so a reload reads neither the database
 * nor the renderer. By workspace, so a workspace is only ever shown drawings it stored or drew itself; the least
 * recently used go first.
 */
export function createDrawingMemory(capacity = 500): DrawingMemory {
  const remembered = new Map<string, string>();
  return {
    get(workspaceId, key) {
      const scoped = `${workspaceId} ${key}`;
      const known = remembered.get(scoped);
      if (known !== undefined) {
        remembered.delete(scoped);
        remembered.set(scoped, known);
      }
      return known;
    },
    set(workspaceId, key, svg) {
      remembered.set(`${workspaceId} ${key}`, svg);
      if (remembered.size > capacity) remembered.delete(remembered.keys().next().value as string);
    },
  };
}

/** Draws a chart as the page shows it. */
export function drawChartSvg(option: ChartOption): string {
  return renderChartSvg(option, chartSize);
}
