import { createHash } from 'node:crypto';
import { type ChartOption, renderChartSvg } from '../../charts/render-chart.ts';

export const chartSize = { width: 720, height: 320 };

const capacity = 500;
const drawn = new Map<string, string>();

/**
 * The server-side SVG of an option. Reports change once a day or as events arrive, while admins reload the page, so
 * the SVG is kept by a hash of the option it was drawn from: the same option is always the same picture.
 */
export function chartSvg(option: ChartOption): string {
  const key = createHash('sha256').update(JSON.stringify(option)).digest('base64url');
  const known = drawn.get(key);
  if (known !== undefined) {
    drawn.delete(key);
    drawn.set(key, known);
    return known;
  }
  const svg = renderChartSvg(option, chartSize);
  drawn.set(key, svg);
  if (drawn.size > capacity) drawn.delete(drawn.keys().next().value as string);
  return svg;
}
