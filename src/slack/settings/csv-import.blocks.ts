import type { KnownBlock, ModalView } from '@slack/types';
import { agree, plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { input as inputBlock, section as mrkdwnSection, plainText } from '../platform/block-kit.ts';
/**
 * The views every admin CSV import of people shares (celebration dates, pairing teams): paste the CSV, see a
 * preview where nothing is saved yet, then a summary. Each feature supplies its ids, wording and row description.
 */

export interface CsvImportRowError {
  line: number;
  person: string;
  messages: string[];
}

/** Rows and errors come from the pasted CSV, so the text is cut to a section's 3000 characters. */
const section = (text: string) => mrkdwnSection(text.slice(0, 3000));

export function csvImportModal(input: {
  callbackId: string;
  title: string;
  /** Which columns to use; the modal adds that a preview comes first. */
  columnsHelp: string;
  csvInput: { block: string; action: string };
  maxCsvLength: number;
  placeholder: string;
}): ModalView {
  return {
    type: 'modal',
    callback_id: input.callbackId,
    title: plainText(input.title),
    submit: plainText('Preview'),
    close: plainText('Cancel'),
    blocks: [
      section(`${input.columnsHelp}\nYou will see a preview with any row errors before anything is saved.`),
      inputBlock(input.csvInput.block, 'CSV', {
        type: 'plain_text_input',
        action_id: input.csvInput.action,
        multiline: true,
        max_length: input.maxCsvLength,
        placeholder: plainText(input.placeholder),
      }),
    ],
  };
}

function errorLines(errors: CsvImportRowError[], max: number): string {
  const lines = errors
    .slice(0, max)
    .map(
      (e) =>
        `• Line ${e.line}${e.person ? ` (${escapeMrkdwn(e.person.slice(0, 60))})` : ''}: ${escapeMrkdwn(e.messages.join(' '))}`,
    );
  if (errors.length > max) lines.push(`…and ${errors.length - max} more.`);
  return lines.join('\n');
}

/**
 * Nothing is saved yet: what would be imported, every row that would not and why, and a confirm button. The CSV
 * travels in private_metadata, so confirming imports exactly what was previewed (checked again).
 */
export function csvImportPreviewView<Row extends { line: number; userId: string }>(input: {
  callbackId: string;
  errorsBlockId: string;
  ready: Row[];
  errors: CsvImportRowError[];
  /** What a ready row would save, after "• Line N: @person — ". */
  describe: (row: Row) => string;
  csv: string;
  maxCsvLength: number;
}): ModalView {
  const { ready, errors } = input;
  const blocks: KnownBlock[] = [
    section(
      `*${plural(ready.length, 'row')} ${agree(ready.length, 'is', 'are')} ready to import; ${plural(errors.length, 'row')} ${agree(errors.length, 'has', 'have')} errors and will be skipped.* Nothing has been saved yet.`,
    ),
  ];
  if (ready.length > 0) {
    const lines = ready.slice(0, 30).map((r) => `• Line ${r.line}: <@${r.userId}> — ${input.describe(r)}`);
    if (ready.length > 30) lines.push(`…and ${ready.length - 30} more.`);
    blocks.push(section(`*Ready*\n${lines.join('\n')}`));
  }
  if (errors.length > 0)
    blocks.push({ ...section(`*Errors*\n${errorLines(errors, 25)}`), block_id: input.errorsBlockId });
  return {
    type: 'modal',
    callback_id: input.callbackId,
    title: plainText('Import preview'),
    close: plainText('Cancel'),
    ...(ready.length > 0 ? { submit: plainText(`Import ${ready.length}`.slice(0, 24)) } : {}),
    private_metadata: input.csv.slice(0, input.maxCsvLength),
    blocks,
  };
}

/** After an import: how many people were saved (`savedWhat`: "dates", "teams"), and the rows skipped and why. */
export function csvImportDoneText(input: { saved: number; errors: CsvImportRowError[]; savedWhat: string }): string {
  const skipped = input.errors.length
    ? `\n${plural(input.errors.length, 'row')} ${agree(input.errors.length, 'was', 'were')} skipped:\n${errorLines(input.errors, 20)}`
    : '';
  return `:white_check_mark: Saved ${input.savedWhat} for ${plural(input.saved, 'person', 'people')}.${skipped}`;
}
