import { findRound, findRoundGroups } from '../../src/domain/pairing/rounds.ts';
import { checkinMessage } from '../../src/slack/pairing/pairing.blocks.ts';
import type { Processor } from '../processor.ts';

/** The idempotency key of a group's check-in message, which its shared answers later update. */
export const checkinKey = (groupId: string) => `pairing.checkin.${groupId}`;

/** Halfway through the round: "Did you meet?" in every delivered group's conversation, once each. */
export const processPairingCheckin: Processor<'pairing.checkin'> = async (data, { deps }) => {
  const round = await findRound(deps.db, data.workspaceId, data.roundId);
  if (!round || (round.status !== 'delivering' && round.status !== 'delivered')) return { skipped: 'round not active' };
  const groups = await findRoundGroups(deps.db, data.workspaceId, round.id);
  let sent = 0;
  for (const group of groups) {
    if (group.status !== 'delivered' || !group.conversation_id) continue;
    const message = checkinMessage({ groupId: group.id });
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: checkinKey(group.id),
      to: { channel: group.conversation_id },
      ...message,
    });
    sent += 1;
  }
  return { sent };
};
