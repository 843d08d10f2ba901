import type { Db } from '../../db/database.ts';
import { countGroupsByStatus, findLatestRound, findProgrammeMember, findProgrammes } from '../../db/queries/pairing.ts';
import type { ProgrammeKind } from '../../db/schema-pairing.ts';

export interface ProgrammeHomeLine {
  channelId: string;
  kind: ProgrammeKind;
  frequency: string;
  weekday: number;
  myStatus: 'active' | 'paused' | 'left' | 'skipping';
  /** Admins only: how the latest round is going. */
  progress?: { number: number; status: string; delivered: number; total: number };
}

/** The pairing part of the Home tab: each programme, the person's own state, and for admins the delivery progress. */
export async function pairingHomeSummary(
  db: Db,
  input: { workspaceId: string; userId: string; isAdmin: boolean },
): Promise<ProgrammeHomeLine[]> {
  const programmes = await findProgrammes(db, input.workspaceId);
  const lines: ProgrammeHomeLine[] = [];
  for (const programme of programmes) {
    const state = await findProgrammeMember(db, input.workspaceId, programme.id, input.userId);
    const line: ProgrammeHomeLine = {
      channelId: programme.channel_id,
      kind: programme.kind,
      frequency: programme.frequency,
      weekday: programme.weekday,
      myStatus: state?.status === 'active' && state.skip_next ? 'skipping' : (state?.status ?? 'active'),
    };
    if (input.isAdmin) {
      const round = await findLatestRound(db, input.workspaceId, programme.id);
      if (round) {
        const counts = await countGroupsByStatus(db, input.workspaceId, round.id);
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        line.progress = { number: round.number, status: round.status, delivered: counts.delivered ?? 0, total };
      }
    }
    lines.push(line);
  }
  return lines;
}
