import { findRound } from '../../src/domain/pairing/rounds.ts';
import { enqueueRoundFollowUps } from '../pairing-followups.ts';
import type { Processor } from '../processor.ts';

/** After an approval (or any nudge to carry on): queue whatever the round still needs. */
export const processPairingResume: Processor<'pairing.resume'> = async (data, { deps }) => {
  const round = await findRound(deps.db, data.workspaceId, data.roundId);
  if (!round) return { skipped: 'round not found' };
  return await enqueueRoundFollowUps(deps, round);
};
