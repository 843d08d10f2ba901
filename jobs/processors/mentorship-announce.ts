import { findMentorshipProgramme } from '../../src/domain/mentorship/find-programme.ts';
import { findWorkspace } from '../../src/domain/workspaces/find-workspace.ts';
import { programmeAnnouncement } from '../../src/slack/mentorship/mentor-command.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * A new mentorship programme tells its channel once, with the button that opens the sign-up form; the key makes a
 * retried job find the post already there.
 */
export const processMentorshipAnnounce: Processor<'mentorship.announce'> = async (data, { deps }) => {
  const programme = await findMentorshipProgramme(deps.db, data.workspaceId, data.programmeId);
  if (!programme) return { skipped: 'programme not found' };
  const workspace = await findWorkspace(deps.db, data.workspaceId);
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `mentorship.announce.${programme.id}`,
    to: { channel: programme.channel_id },
    ...programmeAnnouncement({
      programmeId: programme.id,
      matchingMode: programme.matching_mode,
      cycleMonths: programme.cycle_months,
      signupDeadline: programme.signup_deadline,
      timeZone: workspace?.time_zone ?? 'UTC',
    }),
  });
  return { channel: sent.channel, ts: sent.ts, alreadySent: sent.alreadySent };
};
