import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { encodePng } from './png.ts';

/** An Apache ECharts option: the same object draws the chart on the server (here) and in a browser. */
export type ChartOption = echarts.EChartsOption;

/** The renderer's version: a drawing made by another version of ECharts may differ. */
export const chartRendererVersion = `echarts ${echarts.version}`;

export interface ChartSize {
  width: number;
  height: number;
}

/**
 * Draws a chart as SVG on the server. ECharts' server-side renderer needs no DOM and no canvas, so the insights page
 * shows a chart before any script runs and the browser's copy of ECharts only adds interaction on top.
 */
export function renderChartSvg(option: ChartOption, size: ChartSize): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/**
 * Draws a chart as PNG, for Slack: image blocks cannot show SVG, and an uploaded PNG works for installs with no public
 * URL. resvg rasterises with the machine's fonts (the image installs DejaVu), at twice the size for sharp text.
 */
export function renderChartPng(option: ChartOption, size: ChartSize): Buffer {
  const svg = renderChartSvg(option, size);
  const image = new Resvg(svg, {
    fitTo: { mode: 'width', value: size.width * 2 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return encodePng(image.width, image.height, image.pixels);
}
