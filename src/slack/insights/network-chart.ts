import { type ChartOption, renderChartPng } from '../../charts/render-chart.ts';
import type { MonthlyConnections } from '../../domain/insights/person-network.ts';

/** Wide and short: Slack shows an image block at the width of the message or tab, and a tall one pushes text away. */
export const networkChartSize = { width: 560, height: 240 };

/** People connected with per month, as bars: the shape of a year (or a quarter) reads better than a row of numbers. */
export function networkChartOption(title: string, months: MonthlyConnections[]): ChartOption {
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 15, fontWeight: 'bold', color: '#1d1c1d' } },
    grid: { left: 40, right: 20, top: 56, bottom: 30 },
    xAxis: { type: 'category', data: months.map((m) => m.label), axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#e8e8e8' } } },
    series: [
      {
        type: 'bar',
        data: months.map((m) => m.people),
        itemStyle: { color: '#4a7bd0', borderRadius: [3, 3, 0, 0] },
        label: { show: true, position: 'top', color: '#1d1c1d', formatter: (p) => (p.value ? String(p.value) : '') },
        barMaxWidth: 36,
      },
    ],
  };
}

export function networkChartPng(title: string, months: MonthlyConnections[]): Buffer {
  return renderChartPng(networkChartOption(title, months), networkChartSize);
}

/** What a screen reader says for the picture: the same figures, in words. */
export function networkChartAltText(title: string, months: MonthlyConnections[]): string {
  return `${title}: ${months.map((m) => `${m.label} ${m.people}`).join(', ')}`;
}
