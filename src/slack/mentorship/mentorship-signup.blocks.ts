import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { MentorshipRole } from '../../db/schema-mentorship.ts';
import { maxGoalsLength, maxSignupSkills } from '../../domain/mentorship/save-signup.ts';
import { splitSkillsByList } from '../../domain/mentorship/signup-skills.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { context, input, option, plainText, section } from '../platform/block-kit.ts';

/** The sign-up form of a mentorship programme, and what it shows once someone has signed up. */

export const openSignupActionId = 'mentorship_signup_open';
export const signupCallbackId = 'mentorship_signup';

export const signupBlocks = {
  role: { block: 'mentorship_signup_role', action: 'role' },
  learns: { block: 'mentorship_signup_learns', action: 'learns' },
  learnsOther: { block: 'mentorship_signup_learns_other', action: 'learns_other' },
  teaches: { block: 'mentorship_signup_teaches', action: 'teaches' },
  teachesOther: { block: 'mentorship_signup_teaches_other', action: 'teaches_other' },
  goals: { block: 'mentorship_signup_goals', action: 'goals' },
  capacity: { block: 'mentorship_signup_capacity', action: 'capacity' },
  preferences: { block: 'mentorship_signup_preferences', action: 'preferences' },
} as const;

/** Slack draws at most 100 options in a static menu; the programme's list is capped at 100 skills to fit it. */
export const maxMenuOptions = 100;
/** An option's text holds 75 characters and its value 150; a skill may be up to 100. */
const optionText = (skill: string) => (skill.length > 75 ? `${skill.slice(0, 74)}…` : skill);

export interface SignupProgramme {
  id: string;
  channelId: string;
  skills: string[];
  maxCapacity: number;
  defaultCapacity: number;
}

export interface SavedSignup {
  role: MentorshipRole;
  learns: string[];
  teaches: string[];
  goals: string;
  capacity: number | null;
  preferOtherTeam: boolean;
  preferOverlap: boolean;
}

export const roleOptions: Record<MentorshipRole, PlainTextOption> = {
  mentee: option('Mentee: I want to learn', 'mentee'),
  mentor: option('Mentor: I can teach', 'mentor'),
  both: option('Both', 'both'),
};
const otherTeamOption = option('Someone from another team or department', 'other_team');
const overlapOption = option('Overlapping working hours', 'overlap');

function skillBlocks(
  at: { block: string; action: string },
  other: { block: string; action: string },
  label: string,
  menu: PlainTextOption[],
  saved: string[] | undefined,
  list: string[],
): KnownBlock[] {
  const split = splitSkillsByList(saved ?? [], list);
  const chosen = menu.filter((o) => split.listed.includes(o.value ?? ''));
  const blocks: KnownBlock[] = [];
  if (menu.length > 0) {
    blocks.push(
      input(
        at.block,
        label,
        {
          type: 'multi_static_select',
          action_id: at.action,
          placeholder: plainText('Search the programme’s skills'),
          options: menu,
          max_selected_items: maxSignupSkills,
          ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        },
        true,
      ),
    );
  }
  blocks.push({
    ...input(
      other.block,
      menu.length > 0 ? 'Other skills, in your own words' : label,
      {
        type: 'plain_text_input',
        action_id: other.action,
        placeholder: plainText('Comma separated, e.g. Kubernetes, public speaking'),
        ...(split.other.length > 0 ? { initial_value: split.other.join(', ') } : {}),
      },
      true,
    ),
    hint: plainText('Comma separated. Spellings of the same skill (JS, JavaScript) count once.'),
  });
  return blocks;
}

export function signupModal(programme: SignupProgramme, saved?: SavedSignup): ModalView {
  const menu = programme.skills.slice(0, maxMenuOptions).map((s) => option(optionText(s), s));
  const roles = Object.values(roleOptions);
  const preferences = [
    ...(saved?.preferOtherTeam ? [otherTeamOption] : []),
    ...(saved?.preferOverlap ? [overlapOption] : []),
  ];
  return {
    type: 'modal',
    callback_id: signupCallbackId,
    private_metadata: JSON.stringify({ programmeId: programme.id }),
    title: plainText('Mentorship sign-up'),
    submit: plainText(saved ? 'Save' : 'Sign up'),
    close: plainText('Cancel'),
    blocks: [
      section(`Mentorship in <#${programme.channelId}>: tell Nudge what you want to learn or can teach.`),
      input(signupBlocks.role.block, 'I sign up as', {
        type: 'radio_buttons',
        action_id: signupBlocks.role.action,
        options: roles,
        ...(saved ? { initial_option: roleOptions[saved.role] } : {}),
      }),
      ...skillBlocks(
        signupBlocks.learns,
        signupBlocks.learnsOther,
        'Skills I want to learn (mentees)',
        menu,
        saved?.learns,
        programme.skills,
      ),
      ...skillBlocks(
        signupBlocks.teaches,
        signupBlocks.teachesOther,
        'Skills I can teach (mentors)',
        menu,
        saved?.teaches,
        programme.skills,
      ),
      input(
        signupBlocks.goals.block,
        'My goals, in a few words',
        {
          type: 'plain_text_input',
          action_id: signupBlocks.goals.action,
          multiline: true,
          max_length: maxGoalsLength,
          ...(saved?.goals ? { initial_value: saved.goals } : {}),
        },
        true,
      ),
      {
        ...input(
          signupBlocks.capacity.block,
          'Mentees I can take this cycle (mentors)',
          {
            type: 'number_input',
            action_id: signupBlocks.capacity.action,
            is_decimal_allowed: false,
            min_value: '1',
            max_value: String(programme.maxCapacity),
            // A capacity above a maximum lowered since would make Slack refuse the whole form: left empty instead.
            ...(saved?.capacity && saved.capacity <= programme.maxCapacity
              ? { initial_value: String(saved.capacity) }
              : {}),
          },
          true,
        ),
        hint: plainText(
          `From 1 to ${programme.maxCapacity}; left empty, ${plural(programme.defaultCapacity, 'mentee')}.`,
        ),
      },
      input(
        signupBlocks.preferences.block,
        'I would prefer',
        {
          type: 'checkboxes',
          action_id: signupBlocks.preferences.action,
          options: [otherTeamOption, overlapOption],
          ...(preferences.length > 0 ? { initial_options: preferences } : {}),
        },
        true,
      ),
    ],
  };
}

export const preferenceValues = { otherTeam: 'other_team', overlap: 'overlap' } as const;

const roleWords: Record<MentorshipRole, string> = {
  mentor: 'a mentor',
  mentee: 'a mentee',
  both: 'both a mentor and a mentee',
};

/** What the form turns into once saved: what the person signed up for, in their own words. */
export function signedUpView(input: {
  channelId: string;
  role: MentorshipRole;
  learns: string[];
  teaches: string[];
  capacity: number | null;
}): ModalView {
  const list = (skills: string[]) => escapeMrkdwn(skills.join(', '));
  const lines = [`:white_check_mark: You are signed up as ${roleWords[input.role]} in <#${input.channelId}>.`];
  if (input.learns.length > 0) lines.push(`*To learn:* ${list(input.learns)}`);
  if (input.teaches.length > 0) lines.push(`*To teach:* ${list(input.teaches)}`);
  if (input.capacity !== null) lines.push(`*Mentees you can take:* ${input.capacity}`);
  return {
    type: 'modal',
    title: plainText('Signed up'),
    close: plainText('Done'),
    blocks: [
      section(lines.join('\n')),
      context('Nudge introduces you when you are matched. `/mentor signup` changes your answers.'),
    ],
  };
}
