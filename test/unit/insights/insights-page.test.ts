import { describe, expect, test } from 'vitest';
import type { InsightChart, InsightsReport } from '../../../src/domain/insights/insights-report.ts';
import { fewerThanFive, withheld } from '../../../src/domain/privacy/small-groups.ts';
import { insightChartOption } from '../../../src/http/insights/insight-chart-option.ts';
import { insightChartCsv } from '../../../src/http/insights/insights-csv.ts';
import { insightsPage } from '../../../src/http/insights/insights-page.ts';

const metRate: InsightChart = {
  id: 'met-rate',
  title: 'Met rate per programme',
  explanation: 'Share of delivered groups where someone answered “met”.',
  kind: 'line',
  unit: 'share',
  table: {
    columns: ['Month', 'Coffee', 'Intros'],
    rows: [
      ['2026-10', 0.5, fewerThanFive],
      ['2026-11', 0.625, 0.4],
    ],
  },
};

const participation: InsightChart = {
  id: 'participation',
  title: 'Participants per programme',
  explanation: 'People in at least one delivered group.',
  kind: 'bar',
  unit: 'count',
  table: {
    columns: ['Programme', 'People'],
    rows: [
      ['Coffee', 42],
      ['Exec lottery', fewerThanFive],
      ['Intros', withheld],
    ],
  },
};

const heatmap: InsightChart = {
  id: 'team-heatmap',
  title: 'Connections between teams',
  explanation: 'Nudge connections between members of two teams.',
  kind: 'heatmap',
  unit: 'count',
  table: {
    columns: ['Team', 'Design', '<script>alert(1)</script>'],
    rows: [
      ['Design', 12, fewerThanFive],
      ['<script>alert(1)</script>', 7, 9],
    ],
  },
};

const kudosFlow: InsightChart = {
  id: 'kudos-flow',
  title: 'Kudos between departments',
  explanation: 'Kudos given from one department to another.',
  kind: 'flow',
  unit: 'count',
  table: {
    columns: ['From', 'To', 'Kudos'],
    rows: [
      ['Engineering', 'Engineering', 30],
      ['Engineering', 'Sales', 11],
      ['Sales', 'Engineering', fewerThanFive],
    ],
  },
};

const headline: InsightChart = {
  id: 'recognition',
  title: 'Recognition',
  explanation: 'How evenly kudos are spread.',
  kind: 'figures',
  unit: 'count',
  table: {
    columns: ['Figure', 'Value'],
    rows: [
      ['People with no kudos in 90 days', 17],
      ['Teams with no kudos', fewerThanFive],
    ],
  },
};

const report: InsightsReport = {
  computedAt: new Date('2026-12-07T04:00:00Z'),
  hasData: true,
  sections: [
    { id: 'programmes', title: 'Programmes', charts: [metRate, participation] },
    { id: 'ties', title: 'Ties', charts: [heatmap, kudosFlow, headline] },
  ],
};

type Series = Array<{ name?: string; type?: string; data?: unknown[]; links?: unknown[] }>;

describe('the ECharts option for each kind of chart', () => {
  test('line: periods on the x axis, one series per column, shares as percentages, hidden figures left out (null)', () => {
    const option = insightChartOption(metRate) as { xAxis: { data: string[] }; series: Series };
    expect(option.xAxis.data).toEqual(['2026-10', '2026-11']);
    expect(option.series).toEqual([
      expect.objectContaining({ name: 'Coffee', type: 'line', data: [50, 62.5] }),
      expect.objectContaining({ name: 'Intros', type: 'line', data: [null, 40] }),
    ]);
  });

  test('bar: named bars, and a hidden figure is no bar rather than a bar of 0', () => {
    const option = insightChartOption(participation) as { xAxis: { data: string[] }; series: Series };
    expect(option.xAxis.data).toEqual(['Coffee', 'Exec lottery', 'Intros']);
    expect(option.series).toEqual([expect.objectContaining({ type: 'bar', data: [42, null, null] })]);
  });

  test('heatmap: rows × columns, only the shown cells', () => {
    const option = insightChartOption(heatmap) as {
      xAxis: { data: string[] };
      yAxis: { data: string[] };
      series: Series;
      visualMap: { min: number; max: number };
    };
    expect(option.xAxis.data).toEqual(['Design', '<script>alert(1)</script>']);
    expect(option.yAxis.data).toEqual(['Design', '<script>alert(1)</script>']);
    expect(option.series[0]?.data).toEqual([
      [0, 0, 12],
      [0, 1, 7],
      [1, 1, 9],
    ]);
    expect(option.visualMap).toMatchObject({ min: 7, max: 12 });
  });

  test('heatmap of many teams: the 30 with the most connections are drawn, the table keeps every team', () => {
    const names = Array.from({ length: 60 }, (_, i) => `T${i}`);
    // Team Ti's row sums grow with i, so T30…T59 are the busiest.
    const big: InsightChart = {
      ...heatmap,
      table: { columns: ['Team', ...names], rows: names.map((name, i) => [name, ...names.map(() => i + 5)]) },
    };
    const option = insightChartOption(big) as { xAxis: { data: string[] }; yAxis: { data: string[] }; series: Series };
    expect(option.yAxis.data).toEqual(names.slice(30));
    expect(option.xAxis.data).toEqual(names.slice(30));
    expect(option.series[0]?.data).toHaveLength(900);
    const page = insightsPage({
      workspaceName: 'Acme',
      report: { ...report, sections: [{ id: 's', title: 'S', charts: [big] }] },
      csrfToken: 't',
    });
    expect(page).toContain('Drawn: the 30 teams with the most connections, of 60.');
    expect(page).toContain('60 rows: too many to show here. Download the CSV');
    expect(insightChartCsv(big).split('\r\n')).toHaveLength(62);
  });

  test('flow: a Sankey of the shown flows, a department giving to itself kept as two nodes', () => {
    const option = insightChartOption(kudosFlow) as { series: Series };
    const sankey = option.series[0] as { type: string; data: Array<{ name: string }>; links: unknown[] };
    expect(sankey.type).toBe('sankey');
    expect(sankey.links).toEqual([
      { source: 'Engineering', target: 'Engineering\u200b', value: 30 },
      { source: 'Engineering', target: 'Sales\u200b', value: 11 },
    ]);
    expect(sankey.data.map((node) => node.name)).toEqual(['Engineering', 'Engineering\u200b', 'Sales\u200b']);
  });

  test('figures: headline numbers, drawn as text rather than a chart', () => {
    expect(insightChartOption(headline)).toBeUndefined();
  });
});

describe('the insights page', () => {
  const html = insightsPage({ workspaceName: 'Acme & Co', report, csrfToken: 'csrf-token-1' });

  test('every chart is drawn as SVG on the server, with its option for the browser and a CSV link', () => {
    for (const chart of [metRate, participation, heatmap, kudosFlow]) {
      const figure = html.slice(html.indexOf(`id="chart-${chart.id}"`));
      expect(figure.slice(0, figure.indexOf('</figure>'))).toMatch(/<svg[\s\S]*<\/svg>/);
      expect(html).toContain(`<script type="application/json" id="option-${chart.id}">`);
    }
    for (const chart of [metRate, participation, heatmap, kudosFlow, headline]) {
      expect(html).toContain(`href="/insights/csv/${chart.id}.csv" download>Download CSV</a>`);
    }
    expect(html).toContain('<script src="/insights/assets/echarts.min.js" defer></script>');
    expect(html).toContain('Insights · Acme &amp; Co');
    expect(html).toContain('Computed 2026-12-07 04:00 UTC');
    expect(html).toContain('<input type="hidden" name="csrf" value="csrf-token-1">');
  });

  test('hidden figures are named as such, in the tables and the headline numbers, and counted under the chart', () => {
    expect(html).toContain(`<td class="hidden-figure">${fewerThanFive}</td>`);
    expect(html).toContain(`<td class="hidden-figure">${withheld}</td>`);
    expect(html).toContain(`<dd class="hidden-figure">${fewerThanFive}</dd>`);
    expect(html).toContain('<dd>17</dd>');
    expect(html).toContain('2 figures are hidden, not drawn');
    expect(html).toContain('<td>62.5%</td>');
  });

  test('names from people are escaped, in the HTML and inside the option’s script block', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('\\u003cscript\\u003ealert(1)\\u003c/script\\u003e');
  });

  test('with no data, the page says how to get some and draws nothing', () => {
    const empty = insightsPage({
      workspaceName: 'Acme',
      report: { computedAt: null, hasData: false, sections: [] },
      csrfToken: 't',
    });
    expect(empty).toContain('No insights yet');
    expect(empty).toContain('<code>/coffee</code>');
    expect(empty).toContain('<code>/kudos @someone for …</code>');
    expect(empty).toContain('Not computed yet');
    expect(empty).not.toContain('<svg');
    expect(empty).not.toContain('echarts.min.js');
  });
});

describe('the CSV of a chart', () => {
  test('is the chart’s table with the same guarded cells, shares as percentages', () => {
    expect(insightChartCsv(metRate)).toBe('Month,Coffee,Intros\r\n2026-10,50%,fewer than 5\r\n2026-11,62.5%,40%\r\n');
    expect(insightChartCsv(participation)).toBe(
      'Programme,People\r\nCoffee,42\r\nExec lottery,fewer than 5\r\nIntros,withheld\r\n',
    );
  });

  test('a name a spreadsheet would run as a formula is written as text', () => {
    const csv = insightChartCsv({
      ...participation,
      table: { columns: ['Team', 'People'], rows: [['=HYPERLINK("x")', 12]] },
    });
    expect(csv).toBe('Team,People\r\n"\'=HYPERLINK(""x"")",12\r\n');
  });
});
