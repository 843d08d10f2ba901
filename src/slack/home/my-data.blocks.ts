import type { ExportedRow } from '../../domain/privacy/export-person.ts';
import { type SlackMessage, textMessage } from '../platform/block-kit.ts';
import { problemReply } from '../platform/error-replies.ts';
import { escapeMrkdwn } from './help.blocks.ts';

/** `/nudge my-data`: the answer in the channel, the DM that carries the files, and the refusal of an argument. */

export function myDataQueuedMessage(): SlackMessage {
  return textMessage(
    'Your data is on its way to your DM with Nudge: one JSON file with everything, and a CSV file per kind.',
    'Only you receive it. It usually takes under a minute.',
  );
}

/** Someone who asked Nudge to forget them: sending anything would store their id again. */
export function myDataForgottenText(): string {
  return 'Nudge has forgotten you in this workspace: it holds nothing about you, so there is nothing to send.';
}

export function myDataArgumentRefusal(): SlackMessage {
  return problemReply(
    '`/nudge my-data` takes no argument: it sends you your own data, and nobody can ask for anyone else’s.',
    'Type `/nudge my-data` on its own.',
  );
}

/** The message that shares the first file. */
export function myDataFilesComment(files: number): string {
  return (
    `Here is everything Nudge holds about you in this workspace, in ${files} files: ` +
    '`nudge-my-data.json` has it all, and each CSV file holds one kind. ' +
    'Check-in answers and feedback are your own; blocks others made are theirs and are not included.'
  );
}

const directoryFields: ReadonlyArray<readonly [column: string, label: string]> = [
  ['real_name', 'Name'],
  ['display_name', 'Display name'],
  ['title', 'Title'],
  ['email', 'Email'],
  ['time_zone', 'Time zone'],
  ['team', 'Team'],
  ['department', 'Department'],
];

/** Someone Nudge knows only from the directory: say so, and show them that entry. */
export function myDataDirectoryOnlyMessage(profile: ExportedRow | undefined): SlackMessage {
  if (!profile) {
    return textMessage('Nudge holds nothing about you in this workspace, not even a directory entry.');
  }
  const lines = directoryFields
    .filter(([column]) => profile[column] !== null && profile[column] !== undefined && profile[column] !== '')
    .map(([column, label]) => `• ${label}: ${escapeMrkdwn(String(profile[column]))}`);
  return textMessage(
    `Nudge holds nothing about you beyond your entry in the workspace directory, which it reads from Slack:\n${lines.join('\n')}`,
    'No kudos, dates, programmes, pairings, skills, mentorships or settings. Nothing to download.',
  );
}
