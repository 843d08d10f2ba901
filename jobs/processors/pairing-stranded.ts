import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { findRound } from '../../src/domain/pairing/rounds.ts';
import { strandedMessage } from '../../src/slack/pairing/pairing.blocks.ts';
import type { Processor } from '../processor.ts';

/** A partner whose match skipped and for whom nobody was free: told once, never left wondering. */
export const processPairingStranded: Processor<'pairing.stranded'> = async (data, { deps }) => {
  const round = await findRound(deps.db, data.workspaceId, data.roundId);
  const programme = round ? await findProgramme(deps.db, data.workspaceId, round.programme_id) : undefined;
  if (!programme || !round) return { skipped: 'round not found' };
  const message = strandedMessage({ channelId: programme.channel_id });
  await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `pairing.stranded.${round.id}.${data.userId}`,
    to: { users: [data.userId] },
    ...message,
  });
  return { told: data.userId };
};
