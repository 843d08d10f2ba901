import type { ModalView } from '@slack/types';
import type { TeamImportPreview, TeamImportRowError } from '../../domain/pairing/team-import.ts';
import { maxTeamNameLength } from '../../domain/pairing/team-sources.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, input, plainText, section } from '../platform/block-kit.ts';
import { csvImportDoneText, csvImportModal, csvImportPreviewView } from '../settings/csv-import.blocks.ts';
/** The admin's team and department tools: a hub, the CSV import with its preview, and one person's override. */

export const openTeamsActionId = 'pairing_open_teams';
export const openTeamImportActionId = 'pairing_teams_import';
export const openTeamOverrideActionId = 'pairing_team_override';
export const teamImportCallbackId = 'coffee_teams_import';
export const teamImportConfirmCallbackId = 'coffee_teams_import_confirm';
export const teamOverrideCallbackId = 'coffee_team_override';

export const teamImportBlocks = { csv: { block: 'coffee_teams_csv', action: 'csv' } } as const;
export const teamOverrideBlocks = {
  person: { block: 'coffee_override_person', action: 'person' },
  team: { block: 'coffee_override_team', action: 'team' },
  department: { block: 'coffee_override_department', action: 'department' },
} as const;
/** Slack's plain_text_input holds 3000 characters, and so does the preview's private_metadata that carries it. */
export const maxTeamCsvLength = 3000;

export const notTeamAdminText =
  'Only Nudge admins (Slack workspace admins and owners, and people they name) can change people’s teams and departments.';

/** Overrides list people and their team names, so the text is cut to a section's 3000 characters. */
const mrkdwn = (text: string) => section(text.slice(0, 3000));

export function teamsMessageView(title: string, text: string): ModalView {
  return { type: 'modal', title: plainText(title.slice(0, 24)), close: plainText('Done'), blocks: [mrkdwn(text)] };
}

export function teamsHubModal(input: {
  inDirectory: number;
  overrides: Array<{ userId: string; team: string | null; department: string | null }>;
  overrideCount: number;
}): ModalView {
  const listed = input.overrides
    .slice(0, 20)
    .map((o) => `• <@${o.userId}> — ${describe(o.team, o.department)}`)
    .join('\n');
  const more = input.overrideCount > 20 ? `\n…and ${input.overrideCount - 20} more.` : '';
  return {
    type: 'modal',
    title: plainText('Teams and departments'),
    close: plainText('Done'),
    blocks: [
      mrkdwn(
        'Cross-team intros use each person’s team and department. Each programme picks where they come from in `/coffee settings`: a Slack profile field, the title, user groups, or Nudge’s own directory (this CSV import). An override here wins over every source; the import also fills in for people a Slack source has nothing for.',
      ),
      mrkdwn(
        `*In Nudge’s directory:* ${plural(input.inDirectory, 'person', 'people')}\n*Overrides:* ${input.overrideCount}${listed ? `\n${listed}${more}` : ''}`,
      ),
      actions(
        [
          button({ text: 'Import a CSV', actionId: openTeamImportActionId, style: 'primary' }),
          button({ text: 'Set one person', actionId: openTeamOverrideActionId }),
        ],
        'coffee_teams_actions',
      ),
    ],
  };
}

function describe(team: string | null, department: string | null): string {
  return [team ? `team ${escapeMrkdwn(team)}` : '', department ? `department ${escapeMrkdwn(department)}` : '']
    .filter(Boolean)
    .join(', ');
}

export function teamImportModal(): ModalView {
  return csvImportModal({
    callbackId: teamImportCallbackId,
    title: 'Import teams',
    columnsHelp:
      'Paste CSV with a header line. Columns: `user` (an @mention, Slack user ID or email), `team`, `department`, and optionally `seniority` (a level 1–10 or a word such as junior, senior, staff) and `manager` (an @mention, Slack user ID or email). An empty cell keeps what the person had; seniority and manager given here win over Slack profile fields (`-` hands them back to the profile).',
    csvInput: teamImportBlocks.csv,
    maxCsvLength: maxTeamCsvLength,
    placeholder: 'user,team,department\nada@example.com,Payments,Engineering',
  });
}

/** Nothing is saved yet: what would be imported, every row that would not and why, and a confirm button. */
export function teamImportPreviewView(preview: Extract<TeamImportPreview, { ok: true }>, csv: string): ModalView {
  return csvImportPreviewView({
    callbackId: teamImportConfirmCallbackId,
    errorsBlockId: 'coffee_teams_import_errors',
    ready: preview.ready,
    errors: preview.errors,
    describe: (r) =>
      [
        describe(r.team ?? null, r.department ?? null),
        r.seniority === null ? 'level from the Slack profile' : r.seniority !== undefined ? `level ${r.seniority}` : '',
        r.managerId === null
          ? 'manager from the Slack profile'
          : r.managerId !== undefined
            ? `manager <@${r.managerId}>`
            : '',
      ]
        .filter(Boolean)
        .join(', '),
    csv,
    maxCsvLength: maxTeamCsvLength,
  });
}

export function teamImportDoneView(input: { saved: number; errors: TeamImportRowError[] }): ModalView {
  return teamsMessageView('Teams imported', csvImportDoneText({ ...input, savedWhat: 'teams' }));
}

export function teamOverrideModal(): ModalView {
  const text = (at: { block: string; action: string }, label: string, placeholder: string) =>
    input(
      at.block,
      label,
      {
        type: 'plain_text_input',
        action_id: at.action,
        max_length: maxTeamNameLength,
        placeholder: plainText(placeholder),
      },
      true,
    );
  return {
    type: 'modal',
    callback_id: teamOverrideCallbackId,
    title: plainText('Set a person’s team'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      input(teamOverrideBlocks.person.block, 'Person', {
        type: 'users_select',
        action_id: teamOverrideBlocks.person.action,
      }),
      text(teamOverrideBlocks.team, 'Team', 'e.g. Payments'),
      text(teamOverrideBlocks.department, 'Department', 'e.g. Engineering'),
      context('This wins over every source in every programme. Leave both empty to clear the person’s override.'),
    ],
  };
}

export function teamOverrideDoneView(input: {
  userId: string;
  saved: { team: string | null; department: string | null } | null;
  cleared: boolean;
}): ModalView {
  const text = input.saved
    ? `:white_check_mark: <@${input.userId}>: ${describe(input.saved.team, input.saved.department)}. Their other value, if any, still comes from the programme’s source.`
    : input.cleared
      ? `:white_check_mark: Cleared <@${input.userId}>’s override: their programmes’ sources apply again.`
      : `<@${input.userId}> had no override, so nothing changed.`;
  return teamsMessageView('Team saved', text);
}
