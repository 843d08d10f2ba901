import { findProgramme } from '../../src/domain/pairing/find-programme.ts';
import { welcomeFor } from '../pairing-welcome-message.ts';
import type { Processor } from '../processor.ts';

/**
 * A new programme tells its channel once: everyone already there is enrolled, and hears in one post (not one DM
 * each) what it is, when the first round comes and how to skip, pause or leave. The key makes it exactly once.
 */
export const processPairingWelcome: Processor<'pairing.welcome'> = async (data, { deps }) => {
  const programme = await findProgramme(deps.db, data.workspaceId, data.programmeId);
  if (!programme) return { skipped: 'programme not found' };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `pairing.welcome.${programme.id}`,
    to: { channel: programme.channel_id },
    ...(await welcomeFor(deps, programme, 'channel')),
  });
  return { channel: sent.channel, ts: sent.ts, alreadySent: sent.alreadySent };
};
