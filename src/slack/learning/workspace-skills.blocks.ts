import type { ModalView } from '@slack/types';
import type { SkillImportPreview, SkillImportRowError } from '../../domain/learning/import-skills.ts';
import { maxWeeklyRequestCap } from '../../domain/learning/learning-settings.ts';
import { MAX_SKILL_LENGTH, skillListLabels } from '../../domain/learning/skill-lists.ts';
import { maxWorkspaceSkills } from '../../domain/learning/workspace-skills.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, input, plainText, section } from '../platform/block-kit.ts';
import { csvImportDoneText, csvImportModal, csvImportPreviewView } from '../settings/csv-import.blocks.ts';

/** The admin's skill tools: the workspace's skill list, and the CSV import of people's skills with its preview. */

export const openWorkspaceSkillsActionId = 'learning_workspace_skills_open';
export const openSkillImportActionId = 'learning_skills_import_open';
export const workspaceSkillsCallbackId = 'learning_workspace_skills';
export const skillImportCallbackId = 'learning_skills_import';
export const skillImportConfirmCallbackId = 'learning_skills_import_confirm';

export const workspaceSkillsBlocks = {
  skills: { block: 'learning_workspace_skills_list', action: 'skills' },
  weeklyCap: { block: 'learning_weekly_request_cap', action: 'cap' },
} as const;
export const skillImportBlocks = { csv: { block: 'learning_skills_csv', action: 'csv' } } as const;

/** Slack's plain_text_input holds 3000 characters, and so does the preview's private_metadata that carries it. */
export const maxSkillCsvLength = 3000;

export const notSkillsAdminText =
  'Only Nudge admins (Slack workspace admins and owners, and people they name) can change the workspace’s skills.';

export function skillsMessageView(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plainText(title.slice(0, 24)),
    close: plainText('Done'),
    blocks: [section(text.slice(0, 3000))],
  };
}

/** One skill a line: the list people pick from in their profile and in every mentorship sign-up. */
export function workspaceSkillsModal(skills: string[], weeklyCap: number): ModalView {
  return {
    type: 'modal',
    callback_id: workspaceSkillsCallbackId,
    title: plainText('Workspace skills'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(
        'The skills people pick from in their skills profile and in every mentorship sign-up (beside the programme’s own list). People can still add skills in their own words.',
      ),
      {
        ...input(
          workspaceSkillsBlocks.skills.block,
          'Skills, one a line',
          {
            type: 'plain_text_input',
            action_id: workspaceSkillsBlocks.skills.action,
            multiline: true,
            placeholder: plainText('Kubernetes\nPublic speaking\nSQL'),
            ...(skills.length > 0 ? { initial_value: skills.join('\n') } : {}),
          },
          true,
        ),
        hint: plainText(
          `Up to ${maxWorkspaceSkills} skills of ${MAX_SKILL_LENGTH} characters. Spellings of the same skill (JS, JavaScript) count once.`,
        ),
      },
      {
        ...input(
          workspaceSkillsBlocks.weeklyCap.block,
          'Learning requests one person receives a week, at most',
          {
            type: 'number_input',
            action_id: workspaceSkillsBlocks.weeklyCap.action,
            is_decimal_allowed: false,
            min_value: '1',
            max_value: String(maxWeeklyRequestCap),
            initial_value: String(weeklyCap),
          },
          true,
        ),
        hint: plainText(
          'So the people others ask most with /nudge learn are not flooded. Counted over the last 7 days.',
        ),
      },
      actions(
        [button({ text: 'Import people’s skills (CSV)', actionId: openSkillImportActionId })],
        'learning_workspace_skills_actions',
      ),
    ],
  };
}

export function workspaceSkillsSavedView(skills: string[]): ModalView {
  const list =
    skills.length > 0 ? escapeMrkdwn(skills.join(', ')) : 'none: people type their skills in their own words';
  return {
    ...skillsMessageView('Workspace skills', `:white_check_mark: Saved. The skill list: ${list}`),
    blocks: [
      section(`:white_check_mark: Saved. The skill list: ${list}`.slice(0, 3000)),
      context('`/nudge skills admin` changes it.'),
    ],
  };
}

export function skillImportModal(): ModalView {
  return csvImportModal({
    callbackId: skillImportCallbackId,
    title: 'Import skills',
    columnsHelp: `Paste CSV with a header line. Columns: \`user\` (an @mention, Slack user ID or email), \`list\` (ask_me_about, can_mentor, want_to_learn or want_to_improve) and \`skills\` (separated by \`;\`). Each row replaces that list of that person; an empty \`skills\` clears it.`,
    csvInput: skillImportBlocks.csv,
    maxCsvLength: maxSkillCsvLength,
    placeholder: 'user,list,skills\nada@example.com,ask_me_about,Kubernetes; SQL',
  });
}

export function skillImportPreviewView(preview: Extract<SkillImportPreview, { ok: true }>, csv: string): ModalView {
  return csvImportPreviewView({
    callbackId: skillImportConfirmCallbackId,
    errorsBlockId: 'learning_skills_import_errors',
    ready: preview.ready,
    errors: preview.errors,
    describe: (r) =>
      `${skillListLabels[r.list]}: ${r.skills.length > 0 ? escapeMrkdwn(r.skills.map((s) => s.skill).join(', ')) : 'cleared'}`,
    csv,
    maxCsvLength: maxSkillCsvLength,
  });
}

export function skillImportDoneView(input: { saved: number; errors: SkillImportRowError[] }): ModalView {
  return skillsMessageView('Skills imported', csvImportDoneText({ ...input, savedWhat: 'skills' }));
}
