import { stringify } from 'csv-stringify/sync';
import type { ExportedRow, PersonExport } from './export-person.ts';

export interface ExportFile {
  filename: string;
  title: string;
  content: string;
}

/**
 * Slack takes files up to 1 GB; a part stays far below, so an upload never nears the limit or a slow link's timeout.
 * A kind larger than this is split into numbered parts, each a whole CSV with its header.
 */
export const maxExportFileBytes = 50 * 1024 * 1024;

/** A cell as text: JSON values (arrays, objects) as JSON, nothing as an empty cell. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function csvParts(kind: string, rows: ExportedRow[], maxBytes: number): ExportFile[] {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const header = stringify([columns]);
  const parts: string[][] = [];
  let current: string[] = [];
  let size = Buffer.byteLength(header);
  for (const row of rows) {
    const line = stringify([columns.map((column) => cell(row[column]))]);
    const bytes = Buffer.byteLength(line);
    if (current.length > 0 && size + bytes > maxBytes) {
      parts.push(current);
      current = [];
      size = Buffer.byteLength(header);
    }
    current.push(line);
    size += bytes;
  }
  parts.push(current);
  return parts.map((lines, index) => {
    const suffix = parts.length > 1 ? `-part-${index + 1}-of-${parts.length}` : '';
    return {
      filename: `nudge-my-data-${kind}${suffix}.csv`,
      title: `Your Nudge data: ${kind.replaceAll('_', ' ')}${parts.length > 1 ? ` (${index + 1} of ${parts.length})` : ''}`,
      content: header + lines.join(''),
    };
  });
}

/**
 * The files of an export: one JSON file with everything, then one CSV per kind Nudge holds rows of (split into parts
 * when one would be larger than `maxBytes`). Quoting is csv-stringify's, so a comma, quote or line break in what
 * someone wrote stays in its cell.
 */
export function exportFiles(data: PersonExport, maxBytes = maxExportFileBytes): ExportFile[] {
  const json: ExportFile = {
    filename: 'nudge-my-data.json',
    title: 'Your Nudge data (everything, JSON)',
    content: `${JSON.stringify(data, null, 2)}\n`,
  };
  const csvs = Object.entries(data.kinds)
    .filter(([, rows]) => rows.length > 0)
    .flatMap(([kind, rows]) => csvParts(kind, rows, maxBytes));
  return [json, ...csvs];
}
