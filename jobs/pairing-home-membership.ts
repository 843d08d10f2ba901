import { findProgrammes } from '../src/db/queries/pairing.ts';
import type { ProcessorDeps } from './processor.ts';

/**
 * The programme channels a person is in, for their Home tab's controls (a channel's members are its programme's
 * pool). conversations.members is Tier 4 and paginated; workspaces run a handful of programmes. A channel Slack
 * will not list (rate-limited, archived, private without the bot) counts as theirs: the controls only ever
 * change the person's own state, so showing them where unsure harms nothing.
 */
export async function programmeChannelsOf(
  deps: ProcessorDeps,
  workspaceId: string,
  userId: string,
): Promise<Set<string>> {
  const programmes = await findProgrammes(deps.db, workspaceId);
  const mine = new Set<string>();
  for (const programme of programmes.slice(0, 15)) {
    try {
      let cursor: string | undefined;
      do {
        const page = await deps.sender.call<{ members?: string[]; response_metadata?: { next_cursor?: string } }>(
          workspaceId,
          'conversations.members',
          { channel: programme.channel_id, limit: 1000, ...(cursor ? { cursor } : {}) },
        );
        if (page.members?.includes(userId)) {
          mine.add(programme.channel_id);
          break;
        }
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    } catch {
      mine.add(programme.channel_id);
    }
  }
  return mine;
}
