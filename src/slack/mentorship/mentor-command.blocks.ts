import type { KnownBlock } from '@slack/types';
import type { MentorshipMatchingMode, MentorshipRole } from '../../db/schema-mentorship.ts';
import type { MentorshipProgrammeStatus } from '../../domain/mentorship/programme-status.ts';
import { signupDeadlineDate } from '../../domain/mentorship/signup-deadline.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { choiceValue } from '../pairing/pairing-controls.blocks.ts';
import { actions, button, context, type SlackMessage, section, textMessage } from '../platform/block-kit.ts';
import { openSignupActionId } from './mentorship-signup.blocks.ts';

/** What `/mentor` answers with: its help, the start, the channel's announcement, the status, "which one?". */

export const chooseMentorshipProgrammeActionId = 'mentorship_choose_programme';

export const mentorUsage = [
  '*Mentorship* — in the programme’s channel, or anywhere when the workspace has one programme:',
  '`/mentor signup` — sign up (or change your answers) as a mentor, a mentee or both',
  '`/mentor status` — how many people signed up, how matching works, the sign-up deadline',
  '`/mentor find` — mentee choice programmes: find a mentor among your suggestions',
  'Admins: `/mentor start` in a channel, `/mentor settings`, `/mentor plan` to preview and approve the pairs',
].join('\n');

export function mentorHelp(problem?: string): SlackMessage {
  return problem ? textMessage(`${problem}\n${mentorUsage}`) : textMessage(mentorUsage);
}

const modeText: Record<MentorshipMatchingMode, string> = {
  admin: 'an admin matches mentors and mentees, previewing the pairs before anyone is introduced',
  choice: 'each mentee chooses a mentor from the suggestions Nudge makes',
};

function deadlineText(deadline: Date | null, timeZone: string): string {
  return deadline ? `Sign-up is open until the end of ${signupDeadlineDate(deadline, timeZone)}.` : 'Sign-up is open.';
}

export const startedText =
  'Started a mentorship programme in this channel, and Nudge is telling the channel how to sign up. `/mentor settings` sets the cycle, the deadline, the skills and how matching works; `/mentor plan` previews the pairs.';

/** The channel's announcement of a new programme, with the button that opens the sign-up form. */
export function programmeAnnouncement(input: {
  programmeId: string;
  matchingMode: MentorshipMatchingMode;
  cycleMonths: number;
  signupDeadline: Date | null;
  timeZone: string;
}): SlackMessage {
  const text = `:seedling: *A mentorship programme starts in this channel.* Sign up to mentor, to be mentored, or both: say which skills you want to learn or can teach and what you hope to achieve. A cycle lasts ${plural(input.cycleMonths, 'month')}; ${modeText[input.matchingMode]}.`;
  const blocks: KnownBlock[] = [
    section(text),
    context(`${deadlineText(input.signupDeadline, input.timeZone)} \`/mentor signup\` works too.`),
    actions(
      [button({ text: 'Sign up', actionId: openSignupActionId, value: input.programmeId, style: 'primary' })],
      'mentorship_announcement',
    ),
  ];
  return { text: `${text} ${deadlineText(input.signupDeadline, input.timeZone)}`, blocks };
}

const roleText: Record<MentorshipRole, string> = {
  mentor: 'a mentor',
  mentee: 'a mentee',
  both: 'a mentor and a mentee',
};

export function statusMessage(input: {
  programmeId: string;
  channelId: string;
  status: MentorshipProgrammeStatus;
  matchingMode: MentorshipMatchingMode;
  signupDeadline: Date | null;
  timeZone: string;
}): SlackMessage {
  const { status } = input;
  const lines = [
    `*Mentorship in <#${input.channelId}>:* ${plural(status.signedUp, 'person', 'people')} signed up (${plural(status.mentors, 'mentor')}, ${plural(status.mentees, 'mentee')}).`,
    `Matching: ${modeText[input.matchingMode]}.`,
    deadlineText(input.signupDeadline, input.timeZone),
  ];
  if (status.activePairs > 0) lines.push(`${plural(status.activePairs, 'pair')} meeting now.`);
  else if (status.latestCycle === 'proposed') lines.push('The pairs are planned and waiting for an admin’s approval.');
  lines.push(status.myRole ? `You signed up as ${roleText[status.myRole]}.` : 'You have not signed up yet.');
  const blocks: KnownBlock[] = [
    section(lines.join('\n')),
    actions(
      [
        button({
          text: status.myRole ? 'Change my answers' : 'Sign up',
          actionId: openSignupActionId,
          value: input.programmeId,
        }),
      ],
      'mentorship_status',
    ),
  ];
  return { text: lines.join('\n'), blocks };
}

/** Choice mode: suggestions are the mentee's to ask for, with the button that lists them. */
/** One section and one button per programme: a button's text cannot name a channel, a section's mrkdwn can. */
export function chooseMentorshipProgrammeMessage(input: {
  commandText: string;
  programmes: Array<{ id: string; channelId: string }>;
}): SlackMessage {
  const command = `/mentor ${input.commandText.trim().slice(0, 200)}`.replace(/[`<>]/g, '');
  const question = `This workspace has ${input.programmes.length} mentorship programmes. Which one is \`${escapeMrkdwn(command)}\` for?`;
  return {
    text: `${question} ${input.programmes.map((p) => `<#${p.channelId}>`).join(', ')}`,
    blocks: [
      section(question),
      ...input.programmes.slice(0, 15).map((p, i) => ({
        ...section(
          `<#${p.channelId}>`,
          button({
            text: 'This one',
            actionId: chooseMentorshipProgrammeActionId,
            value: choiceValue(p.id, input.commandText),
          }),
        ),
        block_id: `mentorship_choice_${i}`,
      })),
    ],
  };
}

export const noProgrammeText =
  'There is no mentorship programme here yet. An admin (or the channel’s creator) can start one in a channel with `/mentor start`.';
