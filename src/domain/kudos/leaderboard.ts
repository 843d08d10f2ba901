import type { Db } from '../../db/database.ts';
import { countKudosWithTeams, findLeaderboard } from '../../db/queries/kudos.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import type { KudosBoardName, KudosTotalsPeriod } from '../../db/schema.ts';
import { periodWindow } from '../time/periods.ts';
import { periodStartKey } from './totals.ts';

export interface LeaderboardEntry {
  /** Competition ranking: equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  userId: string;
  total: number;
}

export const leaderboardSize = 10;

/** The top of a board for the current period in the workspace's time zone; people tied at the cut all stay. */
export async function kudosLeaderboard(
  db: Db,
  input: { workspaceId: string; board: KudosBoardName; period: KudosTotalsPeriod; now: Date },
): Promise<LeaderboardEntry[]> {
  const workspace = await findWorkspace(db, input.workspaceId);
  const periodStart = periodStartKey(input.now, workspace?.time_zone ?? 'UTC', input.period);
  const rows = await findLeaderboard(db, { ...input, periodStart, limit: leaderboardSize * 3 });
  const entries: LeaderboardEntry[] = [];
  rows.forEach((row, index) => {
    const previous = entries[index - 1];
    const rank = previous && previous.total === row.total ? previous.rank : index + 1;
    if (rank <= leaderboardSize) entries.push({ rank, userId: row.userId, total: row.total });
  });
  return entries;
}

/**
 * True when the cross-team board is empty only because nobody's team is known: kudos were given in the period,
 * but none recorded both people's teams. Then "No kudos yet" would be false; the board says so instead.
 */
export async function crossTeamBoardLacksTeams(
  db: Db,
  input: { workspaceId: string; period: KudosTotalsPeriod; now: Date },
): Promise<boolean> {
  const workspace = await findWorkspace(db, input.workspaceId);
  const since =
    input.period === 'all' ? null : periodWindow(input.now, workspace?.time_zone ?? 'UTC', input.period).start;
  const counts = await countKudosWithTeams(db, input.workspaceId, since);
  return counts.kudos > 0 && counts.withTeams === 0;
}
