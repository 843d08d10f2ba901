/** A small RFC 4180 reader: commas, double-quoted fields with "" escapes and line breaks, CRLF or LF, a BOM. */

export interface CsvRecord {
  /** 1-based line the record starts on, as a spreadsheet shows it. */
  line: number;
  cells: string[];
}

export type CsvParse = { ok: true; records: CsvRecord[] } | { ok: false; line: number; error: string };

export function parseCsv(input: string): CsvParse {
  const text = input.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedCell = false;
  const endCell = () => {
    cells.push(quotedCell ? cell : cell.trim());
    cell = '';
    quotedCell = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (cell.trim() !== '') return { ok: false, line, error: 'a quote may only start a field' };
      cell = '';
      inQuotes = true;
      quotedCell = true;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (quotedCell) {
      if (ch.trim() !== '') return { ok: false, line, error: 'text after a closing quote' };
    } else {
      cell += ch;
    }
  }
  if (inQuotes) return { ok: false, line: recordLine, error: 'a quoted field is never closed' };
  endRecord();
  return { ok: true, records };
}
