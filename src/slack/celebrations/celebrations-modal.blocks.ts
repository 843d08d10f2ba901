import type { InputBlock, InputBlockElement, ModalView } from '@slack/types';
import type { ImportPreview, ImportRow, ImportRowError } from '../../domain/celebrations/import-dates.ts';
import type { CelebrationProfile } from '../../domain/celebrations/profiles.ts';
import type { CelebrationSettings } from '../../domain/celebrations/settings.ts';
import type { CelebrationSettingsField } from '../../domain/celebrations/update-settings.ts';
import { maxContributors, maxTitleLength } from '../../domain/celebrations/webhook-payloads.ts';
import { plural } from '../../domain/text/english.ts';
import { input, option, plainText, section } from '../platform/block-kit.ts';
import { csvImportDoneText, csvImportModal, csvImportPreviewView } from '../settings/csv-import.blocks.ts';
/** The celebrations modals: a shipped project, my dates, admin settings, and the CSV import with its preview. */

export const celebrationModalCallbackId = 'celebration_modal';
export const datesModalCallbackId = 'celebrations_dates';
export const celebrationSettingsCallbackId = 'celebrations_settings';
export const importModalCallbackId = 'celebrations_import';
export const importConfirmCallbackId = 'celebrations_import_confirm';

export const celebrationModalBlocks = {
  title: { block: 'celebration_title', action: 'title' },
  url: { block: 'celebration_url', action: 'url' },
  contributors: { block: 'celebration_contributors', action: 'contributors' },
  channel: { block: 'celebration_channel', action: 'channel' },
} as const;

export const datesModalBlocks = {
  birthdayMonth: { block: 'dates_birthday_month', action: 'birthdayMonth' },
  birthdayDay: { block: 'dates_birthday_day', action: 'birthdayDay' },
  birthdayVisibility: { block: 'dates_birthday_visibility', action: 'birthdayVisibility' },
  startDate: { block: 'dates_start_date', action: 'startDate' },
  anniversaryVisibility: { block: 'dates_anniversary_visibility', action: 'anniversaryVisibility' },
} as const;

export const celebrationSettingsBlockIds: Record<CelebrationSettingsField, string> = {
  channelId: 'celebrations_channel',
  paused: 'celebrations_paused',
  postHour: 'celebrations_post_hour',
  weekendRule: 'celebrations_weekend_rule',
  digestChannelId: 'celebrations_digest_channel',
  digestWeekday: 'celebrations_digest_weekday',
  digestHour: 'celebrations_digest_hour',
};

export const importModalBlocks = { csv: { block: 'celebrations_csv', action: 'csv' } } as const;
/** Slack's plain_text_input holds at most 3000 characters; the preview carries the text in private_metadata (3000). */
export const maxCsvLength = 3000;

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const hourOptions = () => Array.from({ length: 24 }, (_, h) => option(`${String(h).padStart(2, '0')}:00`, String(h)));

export function celebrationModal({ channelId }: { channelId: string | null }): ModalView {
  return {
    type: 'modal',
    callback_id: celebrationModalCallbackId,
    title: plainText('Celebrate a launch'),
    submit: plainText('Celebrate'),
    close: plainText('Cancel'),
    blocks: [
      input(celebrationModalBlocks.title.block, 'What shipped?', {
        type: 'plain_text_input',
        action_id: celebrationModalBlocks.title.action,
        max_length: maxTitleLength,
        placeholder: plainText('The new checkout flow'),
      }),
      input(
        celebrationModalBlocks.url.block,
        'Link',
        {
          type: 'url_text_input',
          action_id: celebrationModalBlocks.url.action,
          placeholder: plainText('https://… (release notes, demo, PR)'),
        },
        true,
      ),
      input(celebrationModalBlocks.contributors.block, 'Who made it?', {
        type: 'multi_users_select',
        action_id: celebrationModalBlocks.contributors.action,
        max_selected_items: maxContributors,
        placeholder: plainText(`Up to ${maxContributors} people`),
      }),
      input(celebrationModalBlocks.channel.block, 'Post in', {
        type: 'conversations_select',
        action_id: celebrationModalBlocks.channel.action,
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(channelId ? { initial_conversation: channelId } : {}),
      }),
    ],
  };
}

export function doneView(title: string, text: string): ModalView {
  return {
    type: 'modal',
    title: plainText(title.slice(0, 24)),
    close: plainText('Done'),
    blocks: [section(text.slice(0, 3000))],
  };
}

/** Dates saved that ask for the channel while no celebrations channel is set: saved, with a plain note. */
export function datesSavedWithoutChannelView(waiting: Array<'birthday' | 'anniversary'>): ModalView {
  const what = waiting.map((o) => (o === 'birthday' ? 'birthday' : 'work anniversary')).join(' and ');
  return doneView(
    'Dates saved',
    `:white_check_mark: Your dates are saved.\n\n*Note:* your ${what} can't be celebrated in the channel yet, because no celebrations channel has been chosen. Nudge admins see this in their Home; once one of them picks a channel, it is celebrated there. Until then nothing is posted.`,
  );
}

const visibilityOptions = [
  option('Celebrate in the channel', 'channel'),
  option('Just me (a DM from Nudge)', 'dm'),
  option('Nobody', 'none'),
];

export function datesModal(profile: CelebrationProfile | undefined, postHour: number): ModalView {
  const monthOptions = months.map((m, i) => option(m, String(i + 1)));
  const dayOptions = Array.from({ length: 31 }, (_, i) => option(String(i + 1), String(i + 1)));
  // Private by default: someone adding a date for the first time starts at "just me".
  const birthdayVisibility = profile?.birthday ? profile.birthdayVisibility : 'dm';
  const anniversaryVisibility = profile?.startDate ? profile.anniversaryVisibility : 'dm';
  const initial = (value: string) => visibilityOptions.find((o) => o.value === value);
  return {
    type: 'modal',
    callback_id: datesModalCallbackId,
    title: plainText('My celebrations'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `Nudge can celebrate your birthday (no year needed) and your work anniversary at ${String(postHour).padStart(2, '0')}:00 in your own time zone. Leave a date empty to remove it.`,
      ),
      input(
        datesModalBlocks.birthdayMonth.block,
        'Birthday: month',
        {
          type: 'static_select',
          action_id: datesModalBlocks.birthdayMonth.action,
          options: monthOptions,
          ...(profile?.birthday ? { initial_option: monthOptions[profile.birthday.month - 1] } : {}),
        },
        true,
      ),
      input(
        datesModalBlocks.birthdayDay.block,
        'Birthday: day',
        {
          type: 'static_select',
          action_id: datesModalBlocks.birthdayDay.action,
          options: dayOptions,
          ...(profile?.birthday ? { initial_option: dayOptions[profile.birthday.day - 1] } : {}),
        },
        true,
      ),
      input(datesModalBlocks.birthdayVisibility.block, 'Who hears about my birthday?', {
        type: 'radio_buttons',
        action_id: datesModalBlocks.birthdayVisibility.action,
        options: visibilityOptions,
        initial_option: initial(birthdayVisibility),
      }),
      input(
        datesModalBlocks.startDate.block,
        'I started working here on',
        {
          type: 'datepicker',
          action_id: datesModalBlocks.startDate.action,
          ...(profile?.startDate ? { initial_date: profile.startDate } : {}),
        },
        true,
      ),
      input(datesModalBlocks.anniversaryVisibility.block, 'Who hears about my work anniversary?', {
        type: 'radio_buttons',
        action_id: datesModalBlocks.anniversaryVisibility.action,
        options: visibilityOptions,
        initial_option: initial(anniversaryVisibility),
      }),
    ],
  };
}

function settingsInput(
  field: CelebrationSettingsField,
  label: string,
  element: InputBlockElement,
  optional = false,
): InputBlock {
  return input(celebrationSettingsBlockIds[field], label, { ...element, action_id: field }, optional);
}

export function celebrationSettingsModal(settings: CelebrationSettings): ModalView {
  const hours = hourOptions();
  const weekdayOptions = weekdays.map((day, i) => option(day, String(i + 1)));
  const ruleOptions = [
    option('Friday before', 'friday'),
    option('Monday after', 'monday'),
    option('Keep the date', 'keep'),
  ];
  const paused = option('Pause birthdays, anniversaries and the weekly digest', 'on');
  const channelFilter = { include: ['public' as const, 'private' as const], exclude_bot_users: true };
  return {
    type: 'modal',
    callback_id: celebrationSettingsCallbackId,
    title: plainText('Celebrations'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      settingsInput(
        'channelId',
        'Celebrations channel (birthdays and anniversaries)',
        {
          type: 'conversations_select',
          filter: channelFilter,
          ...(settings.channelId ? { initial_conversation: settings.channelId } : {}),
        },
        true,
      ),
      settingsInput('postHour', "Post at (in each person's own time zone)", {
        type: 'static_select',
        options: hours,
        initial_option: hours[settings.postHour],
      }),
      settingsInput('weekendRule', 'Dates on a weekend move to', {
        type: 'static_select',
        options: ruleOptions,
        initial_option: ruleOptions.find((o) => o.value === settings.weekendRule),
      }),
      settingsInput(
        'digestChannelId',
        'Weekly wins digest channel (leave empty for none)',
        {
          type: 'conversations_select',
          filter: channelFilter,
          ...(settings.digestChannelId ? { initial_conversation: settings.digestChannelId } : {}),
        },
        true,
      ),
      settingsInput('digestWeekday', 'Digest day', {
        type: 'static_select',
        options: weekdayOptions,
        initial_option: weekdayOptions[settings.digestWeekday - 1],
      }),
      settingsInput('digestHour', 'Digest time (workspace time zone)', {
        type: 'static_select',
        options: hours,
        initial_option: hours[settings.digestHour],
      }),
      settingsInput(
        'paused',
        'Pause',
        { type: 'checkboxes', options: [paused], ...(settings.paused ? { initial_options: [paused] } : {}) },
        true,
      ),
    ],
  };
}

export function importModal(): ModalView {
  return csvImportModal({
    callbackId: importModalCallbackId,
    title: 'Import dates',
    columnsHelp:
      'Paste CSV with a header line. Columns: `person` (Slack ID or email), `birthday` (MM-DD), `start_date` (YYYY-MM-DD), and optionally `visibility` (channel, dm or none). People imported without a visibility stay private until they choose.',
    csvInput: importModalBlocks.csv,
    maxCsvLength,
    placeholder: 'person,birthday,start_date,visibility\nada@example.com,03-14,2019-05-02,channel',
  });
}

function describeRow(row: ImportRow): string {
  const parts: string[] = [];
  if (row.birthday) parts.push(`birthday ${months[row.birthday.month - 1]} ${row.birthday.day}`);
  if (row.startDate) parts.push(`started ${row.startDate}`);
  const visibilities = [...new Set([row.birthdayVisibility, row.anniversaryVisibility].filter(Boolean))];
  return `${parts.join(', ')}${visibilities.length > 0 ? ` (visibility: ${visibilities.join('/')})` : ''}`;
}

/** Nothing is saved yet: what would be imported, every row that would not and why, and a confirm button. */
export function importPreviewView(preview: Extract<ImportPreview, { ok: true }>, csv: string): ModalView {
  return csvImportPreviewView({
    callbackId: importConfirmCallbackId,
    errorsBlockId: 'celebrations_import_errors',
    ready: preview.ready,
    errors: preview.errors,
    describe: describeRow,
    csv,
    maxCsvLength,
  });
}

export function importDoneView(input: { saved: number; errors: ImportRowError[] }): ModalView {
  return doneView('Dates imported', csvImportDoneText({ ...input, savedWhat: 'dates' }));
}

export function askConfirmView(count: number): ModalView {
  return doneView(
    'Asking for dates',
    count === 0
      ? 'Everyone has either added dates or been asked already. Nudge asks each person only once.'
      : `Nudge is sending a DM to ${plural(count, 'person', 'people')} who have not added dates and were never asked. Each person is asked only once.`,
  );
}
