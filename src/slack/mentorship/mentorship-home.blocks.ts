import type { KnownBlock } from '@slack/types';
import type { MentorshipCohortSummary, WaitingReason } from '../../domain/mentorship/cohort-summary.ts';
import type { MentorshipHomeLine } from '../../domain/mentorship/home-summary.ts';
import type { MentorshipPartner, PersonProgramme } from '../../domain/mentorship/person-mentorship.ts';
import { fewerThanFive, type Guarded, isShown } from '../../domain/privacy/small-groups.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, divider, header, mrkdwn, section } from '../platform/block-kit.ts';
import { findMentorActionId } from './mentor-suggestions.blocks.ts';
import { rematchAskActionId, rematchAskButton } from './mentorship-fit-check.blocks.ts';
import { openPlanActionId } from './mentorship-plan.blocks.ts';
import { openMentorshipSettingsActionId } from './mentorship-settings.blocks.ts';
import { openSignupActionId } from './mentorship-signup.blocks.ts';

/** The Home tab's mentorship section: each programme with the person's partners and controls, and admins' cohorts. */

/** Persisted in published Home tabs; the listeners behind them live with the sign-up, requests, cycle and admin code. */
export const mentorshipHomeActionIds = {
  /** Value: programme id. Signs up, or edits a sign-up. */
  signupOpen: openSignupActionId,
  /** Value: programme id. A mentee's suggestions (mentee choice). */
  findMentor: findMentorActionId,
  /** Value: pair id. A confidential ask for a different match. */
  rematchAsk: rematchAskActionId,
  /** Value: programme id. Admins: plan and preview the cycle. */
  planOpen: openPlanActionId,
  /** Value: programme id. Admins: the programme's settings. */
  settingsOpen: openMentorshipSettingsActionId,
} as const;

/**
 * Home tabs hold 100 blocks; the other sections take at most about 55, so mentorship keeps to 40, the last kept for
 * the line that points to `/mentor status` when programmes do not fit.
 */
export const maxMentorshipHomeBlocks = 40;

const roleText: Record<NonNullable<PersonProgramme['role']>, string> = {
  mentor: 'a mentor',
  mentee: 'a mentee',
  both: 'a mentor and a mentee',
};
const modeText = { admin: 'an admin matches each cycle', choice: 'mentees choose their mentor' };

export const waitingReasonText: Record<WaitingReason, string> = {
  'not-taught': 'nobody teaches what they want to learn',
  'no-room': 'the mentors who teach it had no room',
  'own-team': 'only mentors from their own team teach it',
  seniority: 'no mentor who teaches it is senior enough',
  rules: "the programme's rules leave no mentor who teaches it",
  'no-mentor': 'no other mentors',
  'no-candidate': 'no mentor proposed',
  'awaiting-approval': 'in a plan waiting for approval',
  'not-planned': 'not in a plan yet',
  'awaiting-answer': "waiting for a mentor's answer",
  choosing: 'choosing from their suggestions',
};

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Wed 24 Mar 2027", in the reader's zone. */
export function describeDay(day: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    dayFormats.set(timeZone, format);
  }
  return format.format(day);
}

/** A guarded figure as admins read it: the number, "fewer than 5", or "not shown" when it would reveal a smaller group. */
export function figureText(figure: Guarded<number>): string {
  if (figure === fewerThanFive) return 'fewer than 5';
  return isShown(figure) ? String(figure) : 'not shown';
}

function partnerBlock(label: string, partner: MentorshipPartner, timeZone: string): KnownBlock {
  const when = [
    partner.nextCheckinAt ? `next check-in ${describeDay(partner.nextCheckinAt, timeZone)}` : 'no check-in left',
    partner.endsAt ? `cycle ends ${describeDay(partner.endsAt, timeZone)}` : undefined,
  ].filter(Boolean);
  const goals = partner.goals ? `\nGoals: ${escapeMrkdwn(partner.goals)}` : '';
  return section(`${label} <@${partner.userId}>${goals}\n${when.join(' · ')}`, rematchAskButton(partner.pairId));
}

function waitingText(mine: PersonProgramme): string {
  if (mine.role === 'mentor' || mine.role === null || mine.mentor) return '';
  const asked = mine.openRequests.map((r) => `<@${r.mentorId}>`);
  if (mine.matchingMode === 'admin') return '\nNo mentor yet: you are in the next plan an admin approves.';
  if (asked.length > 0) return `\nWaiting for an answer from ${asked.join(', ')}.`;
  return '\nNo mentor yet: choose one from your suggestions.';
}

function myBlocks(line: MentorshipHomeLine, mine: PersonProgramme, timeZone: string): KnownBlock[] {
  const who = mine.role ? `you signed up as ${roleText[mine.role]}` : 'you are in a pair';
  const blocks: KnownBlock[] = [
    section(`*<#${line.channelId}>* — ${who}; ${modeText[mine.matchingMode]}.${waitingText(mine)}`),
  ];
  if (mine.mentor) blocks.push(partnerBlock('Your mentor', mine.mentor, timeZone));
  for (const mentee of mine.mentees) blocks.push(partnerBlock('Your mentee', mentee, timeZone));
  const buttons = [
    button({
      text: mine.role ? 'Edit my sign-up' : 'Sign up',
      actionId: mentorshipHomeActionIds.signupOpen,
      value: line.programmeId,
    }),
  ];
  if (mine.matchingMode === 'choice' && mine.canRequest) {
    buttons.unshift(
      button({
        text: 'Find a mentor',
        actionId: mentorshipHomeActionIds.findMentor,
        value: line.programmeId,
        style: 'primary',
      }),
    );
  }
  blocks.push(actions(buttons, `mentorship_home_${line.programmeId}`));
  return blocks;
}

function openBlocks(line: MentorshipHomeLine, timeZone: string): KnownBlock[] {
  const until = line.open?.signupDeadline ? ` until ${describeDay(line.open.signupDeadline, timeZone)}` : '';
  return [
    section(
      `*<#${line.channelId}>* — a mentorship programme, open for sign-up${until}: find a mentor for what you want to learn, or mentor someone.`,
      button({
        text: 'Sign up',
        actionId: mentorshipHomeActionIds.signupOpen,
        value: line.programmeId,
        style: 'primary',
      }),
    ),
  ];
}

function rateText(rate: Guarded<number>): string {
  return isShown(rate)
    ? `${Math.round(rate * 100)}% of matched pairs have met`
    : 'hidden until at least 5 pairs have met and 5 have not';
}

function meanText(mean: Guarded<number>): string {
  return isShown(mean) ? `${mean.toFixed(1)} of 5` : 'fewer than 5 answers';
}

function cohortBlocks(line: MentorshipHomeLine, cohort: MentorshipCohortSummary): KnownBlock[] {
  const reasons = cohort.waitingReasons.length
    ? cohort.waitingReasons.map((r) => `${waitingReasonText[r.reason]}: ${figureText(r.people)}`).join('\n')
    : 'nobody';
  const fields = [
    `*Signed up*\n${figureText(cohort.signedUp)}: mentors ${figureText(cohort.mentorsOnly)} · mentees ${figureText(cohort.menteesOnly)} · both ${figureText(cohort.both)}`,
    `*Looking for a mentor*\n${figureText(cohort.lookingForMentor)}: matched ${figureText(cohort.matched)} · waiting ${figureText(cohort.waiting)}`,
    `*Waiting, by reason*\n${reasons}`,
    ...(cohort.matchingMode === 'choice' ? [`*Requests pending*\n${figureText(cohort.requestsPending)}`] : []),
    `*Meeting rate*\n${rateText(cohort.meetingRate)}`,
    `*Satisfaction*\ncheck-ins ${meanText(cohort.checkinUsefulness)} · cycle-end feedback ${meanText(cohort.feedbackRating)}`,
  ];
  const buttons = [
    button({ text: 'Programme settings', actionId: mentorshipHomeActionIds.settingsOpen, value: line.programmeId }),
  ];
  if (cohort.matchingMode === 'admin') {
    buttons.unshift(
      button({ text: 'Plan the cycle', actionId: mentorshipHomeActionIds.planOpen, value: line.programmeId }),
    );
  }
  return [
    {
      type: 'section',
      text: mrkdwn(
        `*Cohort of <#${line.channelId}>* (admins only). Figures built from fewer than 5 people are hidden, and so is any figure that would let a smaller group be counted by subtraction ("not shown").`,
      ),
      fields: fields.map(mrkdwn),
    },
    actions(buttons, `mentorship_admin_${line.programmeId}`),
  ];
}

function lineBlocks(line: MentorshipHomeLine, timeZone: string): KnownBlock[] {
  return [
    ...(line.mine ? myBlocks(line, line.mine, timeZone) : line.open ? openBlocks(line, timeZone) : []),
    ...(line.cohort ? cohortBlocks(line, line.cohort) : []),
  ];
}

export function mentorshipHomeBlocks(
  lines: MentorshipHomeLine[],
  timeZone: string,
  maxBlocks = maxMentorshipHomeBlocks,
): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), header('Mentorship')];
  if (lines.length === 0) {
    blocks.push(
      section('No mentorship programme is open to you yet. An admin can start one with `/mentor start` in a channel.'),
    );
    return blocks;
  }
  let shown = 0;
  for (const line of lines) {
    const next = lineBlocks(line, timeZone);
    if (blocks.length + next.length > maxBlocks - 1) break;
    blocks.push(...next);
    shown++;
  }
  if (shown < lines.length) {
    blocks.push(context(`…and ${lines.length - shown} more: \`/mentor status\` in each programme's channel.`));
  }
  return blocks;
}
