import type { InputBlock, InputBlockElement, ModalView } from '@slack/types';
import type { MentorshipProgrammeRow } from '../../domain/mentorship/find-programme.ts';
import type { MentorshipSettingsField } from '../../domain/mentorship/settings.ts';
import { signupDeadlineDate } from '../../domain/mentorship/signup-deadline.ts';
import { input as inputBlock, option, plainText } from '../platform/block-kit.ts';

/** The settings of a mentorship programme, for the admins who run it. */

export const openMentorshipSettingsActionId = 'mentorship_settings_open';
export const mentorshipSettingsCallbackId = 'mentorship_settings';

export const mentorshipSettingsBlocks: Record<MentorshipSettingsField, string> = {
  cycleMonths: 'mentorship_settings_cycle',
  signupDeadline: 'mentorship_settings_deadline',
  matchingMode: 'mentorship_settings_mode',
  defaultCapacity: 'mentorship_settings_default_capacity',
  maxCapacity: 'mentorship_settings_max_capacity',
  minSeniorityGap: 'mentorship_settings_seniority_gap',
  allowSameTeam: 'mentorship_settings_same_team',
  skills: 'mentorship_settings_skills',
};

export const matchingModeOptions = {
  admin: option('Admin-matched: preview and approve the pairs', 'admin'),
  choice: option('Mentee choice: each mentee picks from suggestions', 'choice'),
};
export const sameTeamValue = 'allowed';
const sameTeamOption = option('People in the same team may be paired', sameTeamValue);

function input(
  field: MentorshipSettingsField,
  label: string,
  element: InputBlockElement,
  optional = false,
): InputBlock {
  return inputBlock(mentorshipSettingsBlocks[field], label, { ...element, action_id: field }, optional);
}

const wholeNumber = (min: number, max: number, value: number): InputBlockElement => ({
  type: 'number_input',
  is_decimal_allowed: false,
  min_value: String(min),
  max_value: String(max),
  initial_value: String(value),
});

export function mentorshipSettingsModal(programme: MentorshipProgrammeRow, timeZone: string): ModalView {
  const modes = Object.values(matchingModeOptions);
  return {
    type: 'modal',
    callback_id: mentorshipSettingsCallbackId,
    private_metadata: JSON.stringify({ programmeId: programme.id }),
    title: plainText('Mentorship settings'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      input('cycleMonths', 'Cycle length (months)', wholeNumber(1, 12, programme.cycle_months)),
      {
        ...input(
          'signupDeadline',
          'Last day to sign up',
          {
            type: 'datepicker',
            ...(programme.signup_deadline
              ? { initial_date: signupDeadlineDate(programme.signup_deadline, timeZone) }
              : {}),
          },
          true,
        ),
        hint: plainText(`Sign-up closes at the end of that day (${timeZone}). Empty: no deadline.`),
      },
      input('matchingMode', 'Matching', {
        type: 'radio_buttons',
        options: modes,
        initial_option: matchingModeOptions[programme.matching_mode],
      }),
      input('defaultCapacity', 'Mentees per mentor, by default', wholeNumber(1, 5, programme.default_capacity)),
      input('maxCapacity', 'Most mentees one mentor may take', wholeNumber(1, 5, programme.max_capacity)),
      {
        ...input('minSeniorityGap', 'Minimum seniority gap (levels)', wholeNumber(0, 10, programme.min_seniority_gap)),
        hint: plainText('How many levels more senior a mentor must be, where seniority is known. 0: any.'),
      },
      input(
        'allowSameTeam',
        'Teams',
        {
          type: 'checkboxes',
          options: [sameTeamOption],
          ...(programme.allow_same_team ? { initial_options: [sameTeamOption] } : {}),
        },
        true,
      ),
      {
        ...input(
          'skills',
          'Skills people can choose',
          {
            type: 'plain_text_input',
            multiline: true,
            ...(programme.skills.length > 0 ? { initial_value: programme.skills.join('\n') } : {}),
          },
          true,
        ),
        hint: plainText('One per line, up to 100. People can add their own words when they sign up.'),
      },
    ],
  };
}
