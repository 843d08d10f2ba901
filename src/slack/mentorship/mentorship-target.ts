import {
  findMentorshipProgrammeByChannel,
  findMentorshipProgrammes,
  type MentorshipProgrammeRow,
} from '../../domain/mentorship/find-programme.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';

export type MentorshipTarget =
  | { kind: 'one'; programme: MentorshipProgrammeRow }
  | { kind: 'several'; programmes: MentorshipProgrammeRow[] }
  | { kind: 'none' };

/**
 * The programme a `/mentor` command is about: the channel's own; anywhere else (a DM, another channel), the
 * workspace's only programme, or a question when it has several. Sign-up is open to anyone in the workspace, so
 * channel membership does not narrow the choice.
 */
export async function mentorshipTargetOf(
  deps: ListenerDeps,
  ctx: { workspaceId: string; channelId: string },
): Promise<MentorshipTarget> {
  const here = await findMentorshipProgrammeByChannel(deps.db, ctx.workspaceId, ctx.channelId);
  if (here) return { kind: 'one', programme: here };
  const all = await findMentorshipProgrammes(deps.db, ctx.workspaceId);
  if (all.length === 1) return { kind: 'one', programme: all[0]! };
  return all.length === 0 ? { kind: 'none' } : { kind: 'several', programmes: all };
}
