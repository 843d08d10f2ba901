import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { markGreeted } from '../../src/domain/pairing/member-controls.ts';
import { welcomeFor } from '../pairing-welcome-message.ts';
import type { Processor } from '../processor.ts';

/** Joining a programme's channel opts in; the newcomer hears once what the channel heard when it started. */
export const processPairingGreet: Processor<'pairing.greet'> = async (data, { deps }) => {
  const programme = await findProgramme(deps.db, data.workspaceId, data.programmeId);
  if (!programme) return { skipped: 'programme not found' };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `pairing.greet.${programme.id}.${data.userId}`,
    to: { users: [data.userId] },
    ...(await welcomeFor(deps, programme, 'joiner')),
  });
  await markGreeted(deps.db, {
    workspaceId: data.workspaceId,
    programmeId: programme.id,
    userId: data.userId,
    now: deps.clock.now(),
  });
  return { greeted: data.userId, alreadySent: sent.alreadySent };
};
