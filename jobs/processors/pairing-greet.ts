import { findProgramme, upsertProgrammeMember } from '../../src/db/queries/pairing.ts';
import { greetingMessage } from '../../src/slack/pairing.blocks.ts';
import type { Processor } from '../processor.ts';

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Joining a programme's channel opts in; the newcomer hears once how it works and how to pause. */
export const processPairingGreet: Processor<'pairing.greet'> = async (data, { deps }) => {
  const programme = await findProgramme(deps.db, data.workspaceId, data.programmeId);
  if (!programme) return { skipped: 'programme not found' };
  const message = greetingMessage({
    channelId: programme.channel_id,
    weekday: weekdays[programme.weekday - 1] ?? 'week',
    hour: programme.send_hour,
  });
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `pairing.greet.${programme.id}.${data.userId}`,
    to: { users: [data.userId] },
    ...message,
  });
  await upsertProgrammeMember(
    deps.db,
    { workspaceId: data.workspaceId, programmeId: programme.id, userId: data.userId },
    { greeted_at: deps.clock.now() },
    deps.clock.now(),
  );
  return { greeted: data.userId, alreadySent: sent.alreadySent };
};
