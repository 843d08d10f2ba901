import { findSend } from '../../src/domain/delivery/send-ledger.ts';
import { findCheckinAnswers } from '../../src/domain/pairing/checkin.ts';
import { findRoundGroup } from '../../src/domain/pairing/rounds.ts';
import { checkinMessage } from '../../src/slack/pairing/pairing.blocks.ts';
import { queueInsightsUpdate } from '../insights-update.ts';
import type { Processor } from '../processor.ts';
import { checkinKey } from './pairing-checkin.ts';

/** Enough for answers that keep arriving while the message is rewritten; each pass shows everything saved. */
const maxPasses = 3;

/**
 * Shows the group everyone's check-in answers on its check-in message (chat.update on the post the sender recorded).
 * It renders what is saved, not what the job was queued for, so jobs that run out of order still end on the latest
 * answers; chat.update sets the same content however often it runs, so a retry needs no ledger.
 */
export const processPairingCheckinUpdate: Processor<'pairing.checkin-update'> = async (data, { deps }) => {
  const group = await findRoundGroup(deps.db, data.workspaceId, data.groupId);
  if (!group) return { skipped: 'group not found' };
  await queueInsightsUpdate(deps.queues, data.workspaceId, deps.clock.now());
  const posted = await findSend(deps.db, data.workspaceId, checkinKey(group.id));
  if (posted?.status !== 'sent' || !posted.message_ts) return { skipped: 'check-in not posted' };
  let answers = await findCheckinAnswers(deps.db, data.workspaceId, group.id);
  for (let pass = 1; ; pass += 1) {
    const message = checkinMessage({ groupId: group.id, answers });
    await deps.sender.call(data.workspaceId, 'chat.update', {
      channel: posted.channel_id,
      ts: posted.message_ts,
      text: message.text,
      blocks: message.blocks,
    });
    const now = await findCheckinAnswers(deps.db, data.workspaceId, group.id);
    if (pass >= maxPasses || JSON.stringify(now) === JSON.stringify(answers)) return { updated: answers.length };
    answers = now;
  }
};
