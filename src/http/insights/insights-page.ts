import type { ChartOption } from '../../charts/render-chart.ts';
import type { InsightChart, InsightsReport } from '../../domain/insights/insights-report.ts';
import { fewerThanFive, withheld } from '../../domain/privacy/small-groups.ts';
import { drawChartSvg } from './chart-svg-cache.ts';
import { heatmapLimit, heatmapShown, insightChartOption } from './insight-chart-option.ts';
import { cellText } from './insights-csv.ts';
import type { DrawnChart } from './report-drawings.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON inside a <script> data block: no "</script>" or "<!--" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026');
}

const styles = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d1c1d;background:#f8f8f8}
header{display:flex;justify-content:space-between;align-items:center;padding:1em 2em;background:#4a154b;color:#fff}
header h1{margin:0;font-size:1.4em} header p{margin:.2em 0 0;opacity:.85}
header button{background:#fff;color:#4a154b;border:0;border-radius:4px;padding:.5em 1em;cursor:pointer}
main{max-width:1100px;margin:0 auto;padding:1em 2em 3em}
section>h2{border-bottom:1px solid #ddd;padding-bottom:.3em;margin-top:2em}
figure.chart{background:#fff;border:1px solid #e2e2e2;border-radius:8px;margin:1em 0;padding:1em 1.2em}
figure.chart h3{margin:0 0 .3em} figcaption p{margin:0 0 .8em;color:#555}
.chart-canvas{width:720px;max-width:100%;height:320px}
.figures{display:flex;flex-wrap:wrap;gap:1em;margin:0}
.figures div{min-width:10em;padding:.6em 1em;background:#f4ede4;border-radius:6px}
.figures dt{font-size:.9em;color:#555} .figures dd{margin:0;font-size:1.8em;font-weight:600}
.hidden-figure{color:#8a6d3b;font-style:italic}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em} td,th{border:1px solid #ddd;padding:.25em .6em;text-align:right}
td:first-child,th:first-child{text-align:left}
.note{color:#555;font-size:.9em} .empty{background:#fff;border:1px solid #e2e2e2;border-radius:8px;padding:1em 2em}
`;

function shell(title: string, body: string, options: { scripts?: boolean } = {}): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${styles}</style></head><body>${body}${
    options.scripts
      ? '<script src="/insights/assets/echarts.min.js" defer></script><script src="/insights/assets/insights.js" defer></script>'
      : ''
  }</body></html>`;
}

/** A page that says one thing (a refusal, signed out) and shows nothing of any workspace. */
export function messagePage(title: string, message: string, link?: { href: string; text: string }): string {
  const action = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return shell(title, `<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${action}</main>`);
}

function isHidden(cell: unknown): boolean {
  return cell === fewerThanFive || cell === withheld;
}

/** Beyond this many cells a table is for a spreadsheet, not a page: the CSV has it. */
const tableCellLimit = 2_000;

function table(chart: InsightChart): string {
  const cells = chart.table.rows.length * chart.table.columns.length;
  if (cells > tableCellLimit) {
    return `<p class="note">${chart.table.rows.length} rows: too many to show here. Download the CSV for the whole table.</p>`;
  }
  const head = chart.table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = chart.table.rows
    .map(
      (row) =>
        `<tr>${chart.table.columns
          .map((_, index) => {
            const cell = row[index];
            const text = escapeHtml(cellText(cell, chart.unit));
            return isHidden(cell) ? `<td class="hidden-figure">${text}</td>` : `<td>${text}</td>`;
          })
          .join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function hiddenNote(chart: InsightChart): string {
  const hidden = chart.table.rows.flat().filter(isHidden).length;
  if (hidden === 0) return '';
  return `<p class="note">${hidden === 1 ? '1 figure is' : `${hidden} figures are`} hidden, not drawn: a figure about fewer than 5 people shows as “${fewerThanFive}”, and one that would reveal such a group by subtraction as “${withheld}”.</p>`;
}

function figures(chart: InsightChart): string {
  const items = chart.table.rows.map((row) => {
    const value = row[1];
    const text = escapeHtml(cellText(value, chart.unit));
    return `<div><dt>${escapeHtml(String(row[0] ?? ''))}</dt><dd${isHidden(value) ? ' class="hidden-figure"' : ''}>${text}</dd></div>`;
  });
  return `<dl class="figures">${items.join('')}</dl>`;
}

function drawnPart(chart: InsightChart): string {
  if (chart.kind !== 'heatmap') return '';
  const { hiddenRows } = heatmapShown(chart);
  if (hiddenRows === 0) return '';
  return `<p class="note">Drawn: the ${heatmapLimit} teams with the most connections, of ${chart.table.rows.length}. The table and the CSV have every team.</p>`;
}

function chartFigure(chart: InsightChart, drawn: DrawnChart | undefined): string {
  const id = escapeHtml(chart.id);
  const option: ChartOption | undefined = drawn?.option ?? insightChartOption(chart);
  const drawing = option
    ? `<div class="chart-canvas" data-option="option-${id}" role="img" aria-label="${escapeHtml(chart.title)}">${drawn?.svg ?? drawChartSvg(option)}</div><script type="application/json" id="option-${id}">${scriptJson(option)}</script><details><summary>Table</summary>${table(chart)}</details>`
    : figures(chart);
  return `<figure class="chart" id="chart-${id}" data-kind="${escapeHtml(chart.kind)}"><figcaption><h3>${escapeHtml(chart.title)}</h3><p>${escapeHtml(chart.explanation)}</p></figcaption>${drawing}${drawnPart(chart)}${hiddenNote(chart)}<p><a class="csv" href="/insights/csv/${encodeURIComponent(chart.id)}.csv" download>Download CSV</a></p></figure>`;
}

const emptyState = `<div class="empty"><h2>No insights yet</h2>
<p>Insights are counted from what happens in Nudge, and a figure appears once it covers at least 5 people. To get data:</p>
<ul>
<li>start a coffee programme with <code>/coffee</code>, and answer the check-ins after people meet;</li>
<li>give kudos with <code>/kudos @someone for …</code>, or the kudos reaction;</li>
<li>start a mentorship programme, and let people list the skills they can teach.</li>
</ul>
<p>Kudos, check-in answers, mentorship meetings and accepted learning requests are counted within about 5 minutes; everything is counted again every day.</p></div>`;

export interface InsightsPageInput {
  workspaceName: string;
  report: InsightsReport;
  /** The session's CSRF token, for the sign-out form. */
  csrfToken: string;
  /** The charts' options and drawings by chart id (`pageDrawings`); a chart missing here is drawn now. */
  drawings?: ReadonlyMap<string, DrawnChart>;
  /** The sections as `insightsSectionsHtml` wrote them for this report before, when remembered. */
  sections?: string;
}

/** The page's sections, every chart with its drawing; or, with no data, what to do to get some. */
export function insightsSectionsHtml(report: InsightsReport, drawings?: ReadonlyMap<string, DrawnChart>): string {
  if (!report.hasData || report.sections.length === 0) return emptyState;
  return report.sections
    .map(
      (section) =>
        `<section id="section-${escapeHtml(section.id)}"><h2>${escapeHtml(section.title)}</h2>${section.charts.map((chart) => chartFigure(chart, drawings?.get(chart.id))).join('')}</section>`,
    )
    .join('');
}

/** The insights page: each chart drawn as SVG on the server (it shows without scripts), then made interactive. */
export function insightsPage({ workspaceName, report, csrfToken, drawings, sections }: InsightsPageInput): string {
  const computed = report.computedAt
    ? `Computed ${escapeHtml(report.computedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC`
    : 'Not computed yet';
  const header = `<header><div><h1>Insights · ${escapeHtml(workspaceName)}</h1><p>${computed}</p></div><form method="post" action="/insights/logout"><input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}"><button type="submit">Sign out</button></form></header>`;
  const body = sections ?? insightsSectionsHtml(report, drawings);
  return shell(`Insights · ${workspaceName}`, `${header}<main>${body}</main>`, { scripts: report.hasData });
}
