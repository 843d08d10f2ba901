import { stringify } from 'csv-stringify/sync';
import type { InsightCell, InsightChart } from '../../domain/insights/insights-report.ts';

/** A cell as a person reads it: shares as percentages, hidden figures by their marker ("fewer than 5", "withheld"). */
export function cellText(cell: InsightCell | undefined, unit: InsightChart['unit']): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (unit === 'share') return `${(Math.round(cell * 1000) / 10).toString()}%`;
  return Number.isInteger(cell) ? String(cell) : cell.toFixed(2);
}

/** The table behind a chart, exactly as the page shows it, as CSV (RFC 4180, CRLF, a header row). */
export function insightChartCsv(chart: InsightChart): string {
  const rows = chart.table.rows.map((row) => chart.table.columns.map((_, index) => cellText(row[index], chart.unit)));
  // A spreadsheet runs a cell that starts with = + - @ as a formula; team names come from people.
  const safe = (text: string) => (/^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text);
  return stringify(
    [chart.table.columns, ...rows].map((row) => row.map(safe)),
    { record_delimiter: 'windows' },
  );
}
