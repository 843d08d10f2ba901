import type { Programme } from '../../domain/pairing/find-programme.ts';

type MembersPage = { members?: string[]; response_metadata?: { next_cursor?: string } };

/** One conversations.members page, asked through whichever client the caller holds (a listener's or the sender). */
export type ListMembersPage = (args: { channel: string; limit: number; cursor?: string }) => Promise<MembersPage>;

/**
 * The programmes whose channel a person is in (a channel's members are its programme's pool).
 * conversations.members is Tier 4 and paginated; workspaces run a handful of programmes. A channel Slack will
 * not list (rate-limited, archived, private without the bot) counts as theirs: what is decided from this only
 * ever changes the person's own state, so counting them in where unsure harms nothing.
 */
export async function programmesOf(
  programmes: Programme[],
  userId: string,
  listMembers: ListMembersPage,
): Promise<Programme[]> {
  const checked = await Promise.all(
    programmes.slice(0, 15).map(async (programme) => {
      try {
        let cursor: string | undefined;
        do {
          const page = await listMembers({ channel: programme.channel_id, limit: 1000, ...(cursor ? { cursor } : {}) });
          if (page.members?.includes(userId)) return true;
          cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor);
        return false;
      } catch {
        return true;
      }
    }),
  );
  return programmes.slice(0, 15).filter((_, i) => checked[i]);
}
