import { Resvg } from '@resvg/resvg-js';
import { describe, expect, test } from 'vitest';
import { type ChartOption, renderChartPng, renderChartSvg } from '../../../src/charts/render-chart.ts';

const bars: ChartOption = {
  xAxis: { type: 'category', data: ['Q1', 'Q2', 'Q3'] },
  yAxis: { type: 'value' },
  series: [{ type: 'bar', data: [3, 5, 2] }],
};

describe('server-side charts', () => {
  test('an option becomes an SVG of the asked size with its labels', () => {
    const svg = renderChartSvg(bars, { width: 400, height: 200 });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="400"');
    expect(svg).toContain('Q2');
    expect(svg.match(/<path/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  test('the same option becomes a PNG at twice the width, for Slack', () => {
    const png = renderChartPng(bars, { width: 400, height: 200 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBe(400);
  });
});

describe('PNG encoding', () => {
  test('a chart’s PNG holds exactly the pixels resvg drew', () => {
    const svg = renderChartSvg(bars, { width: 400, height: 200 });
    const drawn = new Resvg(svg, {
      fitTo: { mode: 'width', value: 800 },
      background: '#ffffff',
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    }).render();
    const png = renderChartPng(bars, { width: 400, height: 200 });
    // resvg decodes the PNG as an embedded image, placed pixel for pixel.
    const embedded = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><image width="800" height="400" href="data:image/png;base64,${png.toString('base64')}"/></svg>`;
    const decoded = new Resvg(embedded, { background: '#000000' }).render();
    expect([decoded.width, decoded.height]).toEqual([800, 400]);
    expect(Buffer.compare(Buffer.from(decoded.pixels), Buffer.from(drawn.pixels))).toBe(0);
  });
});
