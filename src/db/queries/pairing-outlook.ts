import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { RoundStatus } from '../schema-pairing.ts';
import type { RoundGroup } from './pairing.ts';

type Executor = Kysely<Database>;

export interface RoundProgress {
  id: string;
  roundDate: string;
  status: RoundStatus;
  createdAt: Date;
  /** Groups that still meet (not cancelled by skips). */
  groups: number;
  /** Groups whose intro is still to be sent. */
  pending: number;
}

/** A programme's rounds dated `since` or later, each with how far its intros have gone. */
export async function findRoundsFrom(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  since: string,
): Promise<RoundProgress[]> {
  const rows = await db
    .selectFrom('rounds as r')
    .leftJoin('round_groups as g', (join) =>
      join.onRef('g.round_id', '=', 'r.id').on('g.workspace_id', '=', workspaceId),
    )
    .select([
      'r.id',
      'r.round_date',
      'r.status',
      'r.created_at',
      sql<number>`count(g.id) filter (where g.status <> 'cancelled')::int`.as('groups'),
      sql<number>`count(g.id) filter (where g.status = 'pending')::int`.as('pending'),
    ])
    .where('r.workspace_id', '=', workspaceId)
    .where('r.programme_id', '=', programmeId)
    .where('r.round_date', '>=', since)
    .groupBy('r.id')
    .orderBy('r.round_date')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    roundDate: r.round_date,
    status: r.status,
    createdAt: r.created_at,
    groups: Number(r.groups),
    pending: Number(r.pending),
  }));
}

/**
 * The group a person was introduced to in the programme's running round, unless they have since dropped out of it
 * (a late skip, or leaving).
 */
export async function findCurrentGroup(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  userId: string,
): Promise<RoundGroup | undefined> {
  return await db
    .selectFrom('round_groups as g')
    .innerJoin('rounds as r', 'r.id', 'g.round_id')
    .selectAll('g')
    .where('g.workspace_id', '=', workspaceId)
    .where('r.workspace_id', '=', workspaceId)
    .where('r.programme_id', '=', programmeId)
    .where('r.status', 'in', ['delivering', 'delivered'])
    .where('g.status', '=', 'delivered')
    .where(sql<boolean>`${userId} = any(g.members) and not (${userId} = any(g.dropped))`)
    .orderBy('r.round_date', 'desc')
    // A partner re-matched after a late skip is in two groups of the round: the newer one is theirs now.
    .orderBy('g.delivered_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}
