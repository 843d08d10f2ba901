import { findProgrammes } from '../src/domain/pairing/find-programme.ts';
import { programmesOf } from '../src/slack/pairing/programme-membership.ts';
import type { ProcessorDeps } from './processor.ts';

/** The programme channels a person is in, for their Home tab's controls. */
export async function programmeChannelsOf(
  deps: ProcessorDeps,
  workspaceId: string,
  userId: string,
): Promise<Set<string>> {
  const programmes = await findProgrammes(deps.db, workspaceId);
  const mine = await programmesOf(programmes, userId, (args) =>
    deps.sender.call(workspaceId, 'conversations.members', args),
  );
  return new Set(mine.map((p) => p.channel_id));
}
