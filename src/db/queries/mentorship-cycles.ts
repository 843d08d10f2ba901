import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipCyclesTable, MentorshipProposal } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipCycleRow = Selectable<MentorshipCyclesTable>;

export async function findLatestMentorshipCycle(
  db: Executor,
  workspaceId: string,
  programmeId: string,
): Promise<MentorshipCycleRow | undefined> {
  return await db
    .selectFrom('mentorship_cycles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The cycle, locked until the transaction ends, so two approvals of it run one after the other. */
export async function lockMentorshipCycle(
  trx: Executor,
  workspaceId: string,
  cycleId: string,
): Promise<MentorshipCycleRow | undefined> {
  return await trx
    .selectFrom('mentorship_cycles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cycleId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertMentorshipCycle(
  db: Executor,
  row: {
    workspaceId: string;
    programmeId: string;
    number: number;
    seed: string;
    proposal: MentorshipProposal;
    now: Date;
  },
): Promise<MentorshipCycleRow> {
  return await db
    .insertInto('mentorship_cycles')
    .values({
      workspace_id: row.workspaceId,
      programme_id: row.programmeId,
      number: row.number,
      status: 'proposed',
      seed: row.seed,
      proposal: JSON.stringify(row.proposal),
      planned_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a proposal that has not been approved yet; false when it was approved meanwhile. */
export async function replaceMentorshipProposal(
  db: Executor,
  workspaceId: string,
  cycleId: string,
  proposal: MentorshipProposal,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .updateTable('mentorship_cycles')
    .set({ proposal: JSON.stringify(proposal), planned_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cycleId)
    .where('status', '=', 'proposed')
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function markMentorshipCycleActive(
  trx: Executor,
  workspaceId: string,
  cycleId: string,
  approvedBy: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('mentorship_cycles')
    .set({ status: 'active', approved_by: approvedBy, approved_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cycleId)
    .execute();
}

export async function findMentorshipCycle(
  db: Executor,
  workspaceId: string,
  cycleId: string,
): Promise<MentorshipCycleRow | undefined> {
  return await db
    .selectFrom('mentorship_cycles')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', cycleId)
    .executeTakeFirst();
}
