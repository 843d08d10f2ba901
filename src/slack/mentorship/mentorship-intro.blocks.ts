import type { PairIntro } from '../../domain/mentorship/pair-intro.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { context, type SlackMessage, section, slackDate } from '../platform/block-kit.ts';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * The first thing a new mentorship pair reads, in their own group DM: who is who, what the mentee wants from it,
 * and a first meeting they can hold without preparing anything else.
 */
export function mentorshipIntroMessage(intro: PairIntro): SlackMessage {
  const opening = `:seedling: <@${intro.menteeId}>, meet your mentor <@${intro.mentorId}>, matched through <#${intro.channelId}>.`;
  const goals = intro.goals.trim()
    ? escapeMrkdwn(intro.goals.trim())
    : 'not written yet: a good first thing to talk about';
  const skills = intro.sharedSkills.length > 0 ? intro.sharedSkills.map(escapeMrkdwn).join(', ') : null;
  const about = [`*Goals:* ${goals}`];
  if (skills) about.push(`*To learn together:* ${skills}`);
  about.push(`*Why this match:* ${escapeMrkdwn(intro.why)}`);
  const agenda = [
    '*A first meeting (30 minutes):*',
    '1. Each of you: your path so far, in five minutes.',
    `2. <@${intro.menteeId}>: the goals above, and what would make this cycle a success.`,
    `3. <@${intro.mentorId}>: how you like to mentor, and what you can offer.`,
    '4. Agree how often you meet (every two weeks works for most pairs) and book the next one.',
  ];
  const end = intro.endsAt ? ` This cycle runs until ${slackDate(intro.endsAt, dayFormat.format(intro.endsAt))}.` : '';
  return {
    text: `${opening}\nGoals: ${intro.goals.trim() || 'not written yet'}`,
    blocks: [
      section(opening),
      section(about.join('\n')),
      section(agenda.join('\n')),
      context(
        `Nudge checks in with each of you privately every two weeks; your answers are never shown to the other person or to admins.${end}`,
      ),
    ],
  };
}
