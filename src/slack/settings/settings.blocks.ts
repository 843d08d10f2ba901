import type { InputBlock, InputBlockElement, ModalView } from '@slack/types';
import type { KudosSettings } from '../../domain/kudos/settings.ts';
import type { SettingsField } from '../../domain/kudos/update-settings.ts';
import { input as inputBlock, option, plainText } from '../platform/block-kit.ts';
export const settingsCallbackId = 'nudge_settings';
/** The away words and emoji sit in the same modal, kept apart from the kudos fields they have nothing to do with. */
export const awayMarkersBlockId = 'settings_away_markers';
export const awayMarkersActionId = 'awayMarkers';

/** block_id per settings field; each input's action_id is the field name. */
export const settingsBlockIds: Record<SettingsField, string> = {
  timeZone: 'settings_time_zone',
  allowance: 'settings_allowance',
  allowancePeriod: 'settings_allowance_period',
  pairCap: 'settings_pair_cap',
  emoji: 'settings_emoji',
  values: 'settings_values',
  kudosChannelId: 'settings_kudos_channel',
  promptChannelIds: 'settings_prompt_channels',
  promptWeekday: 'settings_prompt_weekday',
  promptHour: 'settings_prompt_hour',
  digestEnabled: 'settings_digest',
  adminUserIds: 'settings_admins',
};

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function input(field: SettingsField, label: string, element: InputBlockElement, optional = false): InputBlock {
  return inputBlock(settingsBlockIds[field], label, { ...element, action_id: field }, optional);
}

export function settingsModal(settings: KudosSettings, timeZone: string, awayMarkers: string[]): ModalView {
  const periodOptions = [option('Day', 'day'), option('Week', 'week'), option('Month', 'month')];
  const weekdayOptions = weekdays.map((day, i) => option(day, String(i + 1)));
  const hourOptions = Array.from({ length: 24 }, (_, h) => option(`${String(h).padStart(2, '0')}:00`, String(h)));
  const digest = option('Post a monthly kudos digest in the kudos channel', 'on');
  return {
    type: 'modal',
    callback_id: settingsCallbackId,
    title: plainText('Nudge settings'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      input('timeZone', 'Workspace time zone', { type: 'plain_text_input', initial_value: timeZone }),
      input('allowance', 'Kudos each person can give', {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: '1000',
        initial_value: String(settings.allowance),
      }),
      input('allowancePeriod', 'Per', {
        type: 'static_select',
        options: periodOptions,
        initial_option: periodOptions.find((o) => o.value === settings.allowancePeriod),
      }),
      input('pairCap', 'Most kudos from one person to another per week', {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: '1000',
        initial_value: String(settings.pairCap),
      }),
      input('emoji', 'Kudos emoji (reaction name)', { type: 'plain_text_input', initial_value: settings.emoji }),
      input('values', 'Values (comma-separated hashtags)', {
        type: 'plain_text_input',
        initial_value: settings.values.join(', '),
      }),
      input(
        'kudosChannelId',
        'Kudos channel',
        {
          type: 'conversations_select',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(settings.kudosChannelId ? { initial_conversation: settings.kudosChannelId } : {}),
        },
        true,
      ),
      input(
        'promptChannelIds',
        'Channels for the weekly "Who helped you?" prompt',
        {
          type: 'multi_conversations_select',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(settings.promptChannelIds.length ? { initial_conversations: settings.promptChannelIds } : {}),
        },
        true,
      ),
      input('promptWeekday', 'Prompt day', {
        type: 'static_select',
        options: weekdayOptions,
        initial_option: weekdayOptions[settings.promptWeekday - 1],
      }),
      input('promptHour', 'Prompt time (workspace time zone)', {
        type: 'static_select',
        options: hourOptions,
        initial_option: hourOptions[settings.promptHour],
      }),
      input(
        'digestEnabled',
        'Digest',
        { type: 'checkboxes', options: [digest], ...(settings.digestEnabled ? { initial_options: [digest] } : {}) },
        true,
      ),
      input(
        'adminUserIds',
        'Nudge admins besides Slack admins and owners',
        {
          type: 'multi_users_select',
          ...(settings.adminUserIds.length ? { initial_users: settings.adminUserIds } : {}),
        },
        true,
      ),
      {
        ...inputBlock(
          awayMarkersBlockId,
          'Statuses that mean away (words, or :emoji:)',
          {
            type: 'plain_text_input',
            action_id: awayMarkersActionId,
            multiline: true,
            initial_value: awayMarkers.join(', '),
          },
          true,
        ),
        hint: plainText(
          'People whose Slack status shows one of these sit out pairing rounds, mentor suggestions and prompts until it clears. Leave empty for the default list.',
        ),
      },
    ],
  };
}
