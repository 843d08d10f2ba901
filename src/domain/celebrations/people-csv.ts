import { plural, withArticle } from '../text/english.ts';
import { parseCsv } from './csv.ts';
import { hasControlCharacters } from './text.ts';

/**
 * What every admin CSV import of people (celebration dates, pairing teams) checks the same way: the text is
 * plain, the header names known columns once each (a person column and at least one of the data columns),
 * there are rows but not too many, and each row names a present person, once.
 */

export interface PeopleCsvFormat<Column extends string> {
  /** Header cell (lower-cased, spaces and dashes as `_`) → the column it means. */
  aliases: Record<string, Column>;
  maxRows: number;
  /** A header line to start from, shown when the CSV is empty. */
  headerExample: string;
  /** The sentence naming the known columns, shown after an unknown one. */
  columnsHint: string;
  person: { column: Column; means: string };
  /** At least one of these must be in the header. */
  oneOf: [Column, Column, ...Column[]];
}

export interface PeopleCsvRow<Column extends string> {
  line: number;
  /** Each known column's trimmed cell; a column the header lacks is absent. */
  values: Partial<Record<Column, string>>;
  /** What is already wrong with the row's shape (more fields than the header). */
  messages: string[];
}

export type PeopleCsv<Column extends string> =
  | { ok: true; rows: PeopleCsvRow<Column>[] }
  | { ok: false; error: string };

export function readPeopleCsv<Column extends string>(csv: string, format: PeopleCsvFormat<Column>): PeopleCsv<Column> {
  if (hasControlCharacters(csv))
    return { ok: false, error: 'The CSV contains control characters (such as NUL): paste plain text.' };
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, error: `Line ${parsed.line}: ${parsed.error}.` };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: `The CSV is empty. Start with a header line: ${format.headerExample}` };
  const columns: Array<Column | undefined> = header.cells.map(
    (cell) =>
      format.aliases[
        cell
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ],
  );
  const unknown = header.cells.find((_cell, i) => columns[i] === undefined);
  if (unknown !== undefined)
    return { ok: false, error: `Line ${header.line}: unknown column "${unknown.slice(0, 40)}". ${format.columnsHint}` };
  if (!columns.includes(format.person.column))
    return {
      ok: false,
      error: `Line ${header.line}: the header needs ${withArticle(format.person.column)} column (${format.person.means}).`,
    };
  const [first, second, ...more] = format.oneOf;
  if (!format.oneOf.some((c) => columns.includes(c))) {
    const also = more.length > 0 ? `, or ${more.map(withArticle).join(' or ')} column` : '';
    return {
      ok: false,
      error: `Line ${header.line}: the header needs ${withArticle(first)} or ${withArticle(second)} column${also}.`,
    };
  }
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated) return { ok: false, error: `Line ${header.line}: the column ${repeated} appears twice.` };
  if (records.length === 0) return { ok: false, error: 'The CSV has a header but no rows.' };
  if (records.length > format.maxRows)
    return { ok: false, error: `At most ${format.maxRows} rows at a time; this has ${records.length}.` };
  const rows = records.map((record) => {
    const values: Partial<Record<Column, string>> = {};
    columns.forEach((column, i) => {
      if (column) values[column] = (record.cells[i] ?? '').trim();
    });
    const messages =
      record.cells.length > columns.length
        ? [`${plural(record.cells.length, 'field')}, but the header has ${columns.length}.`]
        : [];
    return { line: record.line, values, messages };
  });
  return { ok: true, rows };
}

type ImportedPerson = { user_id: string; is_bot: boolean; is_deleted: boolean };

/**
 * Returns a check for one import's rows, in order: what is wrong with the person a row names (left, a bot, or
 * already named on an earlier line). The check remembers who it has seen, so use a new one per import.
 */
export function importedPersonCheck(): (member: ImportedPerson | undefined, line: number) => string[] {
  const seen = new Map<string, number>();
  return (member, line) => {
    if (!member) return [];
    const messages: string[] = [];
    if (member.is_deleted) messages.push('This person has left the workspace.');
    else if (member.is_bot) messages.push('This is a bot, not a person.');
    const earlier = seen.get(member.user_id);
    if (earlier !== undefined) messages.push(`The same person is already on line ${earlier}.`);
    else seen.set(member.user_id, line);
    return messages;
  };
}
