import type { Db } from '../../db/database.ts';
import { countGroupsByStatus, findLatestRound, findProgrammeMember, findProgrammes } from '../../db/queries/pairing.ts';
import type { ProgrammeKind } from '../../db/schema-pairing.ts';

export interface ProgrammeHomeLine {
  programmeId: string;
  channelId: string;
  kind: ProgrammeKind;
  frequency: string;
  weekday: number;
  myStatus: 'active' | 'paused' | 'left' | 'skipping';
  /** In the programme's channel, so the person's own controls apply; false: they would have to join it first. */
  member: boolean;
  /** Admins only: how the latest round is going. */
  progress?: { number: number; status: string; delivered: number; total: number };
}

/**
 * The pairing part of the Home tab: each programme, the person's own state, and for admins the delivery progress.
 * `memberOf`: the programme channels the person is in; undefined when that could not be read, and then every
 * programme offers its controls (they only ever change the person's own state).
 */
export async function pairingHomeSummary(
  db: Db,
  input: { workspaceId: string; userId: string; isAdmin: boolean; memberOf?: Set<string> | undefined },
): Promise<ProgrammeHomeLine[]> {
  const programmes = await findProgrammes(db, input.workspaceId);
  const lines: ProgrammeHomeLine[] = [];
  for (const programme of programmes) {
    const state = await findProgrammeMember(db, input.workspaceId, programme.id, input.userId);
    const line: ProgrammeHomeLine = {
      programmeId: programme.id,
      channelId: programme.channel_id,
      kind: programme.kind,
      frequency: programme.frequency,
      weekday: programme.weekday,
      myStatus: state?.status === 'active' && state.skip_next ? 'skipping' : (state?.status ?? 'active'),
      member: input.memberOf?.has(programme.channel_id) ?? true,
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
