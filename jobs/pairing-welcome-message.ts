import type { Programme } from '../src/domain/pairing/find-programme.ts';
import { upcomingRound } from '../src/domain/pairing/round-calendar.ts';
import { findWorkspace } from '../src/domain/workspaces/find-workspace.ts';
import { programmeWelcomeMessage } from '../src/slack/pairing/programme-welcome.blocks.ts';
import type { SlackMessage } from '../src/slack/platform/block-kit.ts';
import type { ProcessorDeps } from './processor.ts';
/** The programme's welcome, for its channel when it starts or for one person who joins later. */
export async function welcomeFor(
  deps: ProcessorDeps,
  programme: Programme,
  audience: 'channel' | 'joiner',
): Promise<SlackMessage> {
  const workspace = await findWorkspace(deps.db, programme.workspace_id);
  const calendar = { frequency: programme.frequency, weekday: programme.weekday, createdAt: programme.created_at };
  return programmeWelcomeMessage({
    audience,
    channelId: programme.channel_id,
    kind: programme.kind,
    hostUserId: programme.host_user_id,
    frequency: programme.frequency,
    weekday: programme.weekday,
    sendHour: programme.send_hour,
    nextRound: upcomingRound(calendar, deps.clock.now(), workspace?.time_zone ?? 'UTC'),
  });
}
