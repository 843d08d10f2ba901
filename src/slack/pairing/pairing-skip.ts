import { leaveProgramme, skipNextRound } from '../../domain/pairing/member-controls.ts';
import { dropFromCurrentRound } from '../../domain/pairing/partner-rescue.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';

/** How someone's own group took their going: they had none, or were already out, or what their partner got. */
export type DropAnswer = 'no_group' | 'already_out' | 'partner_rematched' | 'partner_told' | 'group_continues';
export type SkipOutcome = 'next_round' | Exclude<DropAnswer, 'no_group'>;

type Key = { workspaceId: string; programmeId: string; userId: string; now: Date };

/** What the person who skipped is told, wherever they skipped from: one round, the running one if they are in a group there, else the next. */
export const skipAnswers: Record<SkipOutcome, string> = {
  next_round: 'You will sit out the next round.',
  already_out: 'You are already out of this round; you will be in the next one.',
  partner_rematched: 'You are out of this round. Your partner has been matched with someone else.',
  partner_told: 'You are out of this round. Your partner has been told.',
  group_continues: 'You are out of this round. The rest of your group can still meet.',
};

/** The end of "You have left this programme…": what happened to the group they were in, if any. */
export const leaveAnswers: Record<DropAnswer, string> = {
  no_group: '.',
  already_out: '.',
  partner_rematched: ', and this round’s group: your partner has been matched with someone else.',
  partner_told: ', and this round’s group: your partner has been told.',
  group_continues: ', and this round’s group: the rest of it can still meet.',
};

/**
 * Takes the person out of their group in the running round. A partner left alone is re-matched the same day or
 * told. Repeating it changes nothing more.
 */
async function dropWithRescue(deps: ListenerDeps, key: Key): Promise<DropAnswer> {
  const drop = await dropFromCurrentRound(deps.db, key);
  if (!drop.dropped) return drop.alreadyOut ? 'already_out' : 'no_group';
  if (drop.rescueGroupId && drop.roundDelivering) {
    await deps.queues.enqueue('pairing.deliver', { workspaceId: key.workspaceId, groupId: drop.rescueGroupId });
  }
  if (drop.strandedUserId) {
    await deps.queues.enqueue('pairing.stranded', {
      workspaceId: key.workspaceId,
      roundId: drop.roundId,
      userId: drop.strandedUserId,
    });
  }
  if (drop.rescueGroupId) return 'partner_rematched';
  if (drop.strandedUserId) return 'partner_told';
  return 'group_continues';
}

/**
 * "Skip" sits out one round: the running one if the person is in a group there, otherwise the next. A second skip
 * while they are out of the running round changes nothing, so a double click never costs two rounds. Shared by
 * `/coffee skip` and the Home tab's button, so both do the same.
 */
export async function skipWithRescue(deps: ListenerDeps, key: Key): Promise<SkipOutcome> {
  const dropped = await dropWithRescue(deps, key);
  if (dropped !== 'no_group') return dropped;
  await skipNextRound(deps.db, key);
  return 'next_round';
}

/** Leaving stops pairings, and takes the person out of the group they are in now (their partner is looked after). */
export async function leaveWithRescue(deps: ListenerDeps, key: Key): Promise<DropAnswer> {
  await leaveProgramme(deps.db, key);
  return await dropWithRescue(deps, key);
}
