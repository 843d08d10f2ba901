import type { KnownBlock } from '@slack/types';
import type { LearningHomeRequest, LearningHomeSummary } from '../../domain/learning/home-summary.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { slackDateTime } from '../mentorship/mentor-suggestions.blocks.ts';
import { actions, button, context, divider, header, section } from '../platform/block-kit.ts';
import {
  acceptLearningActionId,
  declineLearningActionId,
  learningRequestWhat,
  suggestColleagueActionId,
} from './learning-requests.blocks.ts';

/**
 * The Home tab's open learning requests: those waiting on the reader's answer, with the same three answers as the
 * expert's DM (the listeners answer a Home click in a modal and publish the Home again), and those the reader waits
 * on. Nothing when there is none.
 */

/** Its share of the Home tab's 100 blocks: a divider, a header, three requests to answer, the sent list, a note. */
export const maxLearningHomeBlocks = 10;
const maxReceivedShown = 3;
const maxSentShown = 5;

function receivedBlocks(r: LearningHomeRequest): KnownBlock[] {
  const what = learningRequestWhat({ kind: r.kind, proposed_date: r.proposedDate, skill: r.skill });
  return [
    section(`<@${r.askerId}> ${what}\nPlease answer by ${slackDateTime(r.expiresAt)}.`),
    actions([
      button({ text: 'Accept', actionId: acceptLearningActionId, value: r.id, style: 'primary' }),
      button({ text: 'Decline', actionId: declineLearningActionId, value: r.id }),
      button({ text: 'Suggest someone else', actionId: suggestColleagueActionId, value: r.id }),
    ]),
  ];
}

function sentLine(r: LearningHomeRequest): string {
  const skill = `*${escapeMrkdwn(r.skill)}*`;
  const day = r.proposedDate ? ` on ${r.proposedDate}` : '';
  const asked =
    r.kind === 'learn'
      ? `to learn ${skill}`
      : `to shadow for ${r.kind === 'shadow_hour' ? 'an hour' : 'half a day'}${day}, to learn ${skill}`;
  return `• ${asked}: waiting on <@${r.expertId}> until ${slackDateTime(r.expiresAt)}`;
}

export function learningRequestsHomeBlocks(summary: LearningHomeSummary): KnownBlock[] {
  const { received, sent } = summary;
  if (received.length === 0 && sent.length === 0) return [];
  const blocks: KnownBlock[] = [divider(), header('Learning requests')];
  for (const r of received.slice(0, maxReceivedShown)) blocks.push(...receivedBlocks(r));
  if (sent.length > 0) {
    const lines = sent.slice(0, maxSentShown).map(sentLine);
    if (sent.length > maxSentShown) lines.push(`• and ${sent.length - maxSentShown} more`);
    blocks.push(section(`*You asked*\n${lines.join('\n')}`));
  }
  const notes: string[] = [];
  if (received.length > maxReceivedShown) notes.push('More requests wait for you in your DMs from Nudge.');
  if (sent.length > 0) notes.push('If nobody answers in time, Nudge offers you other people who can help.');
  if (notes.length > 0) blocks.push(context(notes.join(' ')));
  return blocks;
}
