import type { InputBlock, InputBlockElement, ModalView, PlainTextOption } from '@slack/types';
import type { Programme } from '../../db/queries/pairing.ts';
import type { ProgrammeSettingsField } from '../../domain/pairing/update-programme.ts';
import { actions, button, input as inputBlock, option as plainOption, plainText } from '../platform/block-kit.ts';
import { openTeamsActionId } from './pairing-teams.blocks.ts';
import type { TeamSourceOptions } from './team-source-options.ts';
export const programmeSettingsCallbackId = 'coffee_settings';

export const programmeSettingsBlocks: Record<ProgrammeSettingsField, string> = {
  frequency: 'coffee_frequency',
  weekday: 'coffee_weekday',
  sendHour: 'coffee_send_hour',
  groupSize: 'coffee_group_size',
  cooldownWeeks: 'coffee_cooldown',
  approvalRequired: 'coffee_approval',
  teamSource: 'coffee_team_source',
  teamUsergroupIds: 'coffee_team_usergroups',
  departmentSource: 'coffee_department_source',
  paused: 'coffee_paused',
};

/** Names from Slack (user groups, profile fields) can be longer than the 75 characters an option's text holds. */
const option = (text: string, value: string) => plainOption(text.slice(0, 75), value);
const directoryOption = option('Set in Nudge (CSV import, overrides)', 'directory');

/** The source choices, with each custom profile field; a saved field Slack no longer lists stays choosable. */
function sourceOptions(
  kind: 'team' | 'department',
  choices: TeamSourceOptions,
  savedFieldId: string | null,
): PlainTextOption[] {
  const fields = (choices.profileFields ?? []).map((f) => option(`Profile field: ${f.label}`, `profile_field:${f.id}`));
  if (savedFieldId && !choices.profileFields?.some((f) => f.id === savedFieldId))
    fields.push(option(`Profile field ${savedFieldId} (not found in Slack)`, `profile_field:${savedFieldId}`));
  if (kind === 'department') return [directoryOption, ...fields].slice(0, 100);
  return [
    directoryOption,
    option('Slack profile title', 'title'),
    ...(choices.usergroups?.length ? [option('Slack user groups', 'usergroup')] : []),
    ...fields,
  ].slice(0, 100);
}

function savedChoice(source: string, fieldId: string | null): string {
  return source === 'profile_field' ? `profile_field:${fieldId}` : source;
}
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function input(field: ProgrammeSettingsField, label: string, element: InputBlockElement, optional = false): InputBlock {
  return inputBlock(programmeSettingsBlocks[field], label, { ...element, action_id: field }, optional);
}

export function programmeSettingsModal(programme: Programme, choices: TeamSourceOptions): ModalView {
  const frequencies = [
    option('Every week', 'weekly'),
    option('Every two weeks', 'biweekly'),
    option('Monthly (first week)', 'monthly'),
  ];
  const days = weekdays.map((d, i) => option(d, String(i + 1)));
  const hours = Array.from({ length: 13 }, (_, i) =>
    option(`${String(i + 6).padStart(2, '0')}:00 local`, String(i + 6)),
  );
  const sizes = [option('Pairs', '2'), option('Groups of 3', '3'), option('Groups of 4', '4')];
  const teamSources = sourceOptions('team', choices, programme.team_field_id);
  const departmentSources = sourceOptions('department', choices, programme.department_field_id);
  const usergroups = (choices.usergroups ?? [])
    .slice(0, 100)
    .map((g) => option(g.handle ? `${g.name} (@${g.handle})` : g.name, g.id));
  const chosenGroups = usergroups.filter((o) => programme.team_usergroup_ids.includes(o.value ?? ''));
  const approval = option('An admin previews and approves each round before intros go out', 'on');
  const paused = option('Pause this programme (no rounds until unticked)', 'on');
  return {
    type: 'modal',
    callback_id: programmeSettingsCallbackId,
    private_metadata: JSON.stringify({ programmeId: programme.id, channelId: programme.channel_id }),
    title: plainText('Coffee settings'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      input('frequency', 'How often', {
        type: 'static_select',
        options: frequencies,
        initial_option: frequencies.find((o) => o.value === programme.frequency),
      }),
      input('weekday', 'Day', { type: 'static_select', options: days, initial_option: days[programme.weekday - 1] }),
      input('sendHour', 'Intros arrive at (each person’s local time)', {
        type: 'static_select',
        options: hours,
        initial_option: hours.find((o) => o.value === String(programme.send_hour)),
      }),
      input('groupSize', 'Group size', {
        type: 'static_select',
        options: sizes,
        initial_option: sizes.find((o) => o.value === String(programme.group_size)),
      }),
      input('cooldownWeeks', 'Weeks before the same people meet again', {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: '52',
        initial_value: String(programme.cooldown_weeks),
      }),
      input('teamSource', 'Where teams come from', {
        type: 'static_select',
        options: teamSources,
        initial_option: teamSources.find(
          (o) => o.value === savedChoice(programme.team_source, programme.team_field_id),
        ),
      }),
      ...(usergroups.length > 0
        ? [
            {
              ...input(
                'teamUsergroupIds',
                'User groups that are teams',
                {
                  type: 'multi_static_select',
                  options: usergroups,
                  ...(chosenGroups.length ? { initial_options: chosenGroups } : {}),
                },
                true,
              ),
              hint: plainText(
                'With teams from user groups. None chosen: every group counts. Someone in several gets the smallest.',
              ),
            },
          ]
        : []),
      input('departmentSource', 'Where departments come from', {
        type: 'static_select',
        options: departmentSources,
        initial_option: departmentSources.find(
          (o) => o.value === savedChoice(programme.department_source, programme.department_field_id),
        ),
      }),
      actions([button({ text: 'People’s teams and departments…', actionId: openTeamsActionId })], 'coffee_teams_link'),
      input(
        'approvalRequired',
        'Approval',
        {
          type: 'checkboxes',
          options: [approval],
          ...(programme.approval_required ? { initial_options: [approval] } : {}),
        },
        true,
      ),
      input(
        'paused',
        'Status',
        {
          type: 'checkboxes',
          options: [paused],
          ...(programme.status === 'paused' ? { initial_options: [paused] } : {}),
        },
        true,
      ),
    ],
  };
}
