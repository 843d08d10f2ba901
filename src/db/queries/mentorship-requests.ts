import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { MentorshipRequestStatus, MentorshipRequestsTable } from '../schema-mentorship.ts';

type Executor = Kysely<Database>;
export type MentorshipRequestRow = Selectable<MentorshipRequestsTable>;

export async function findMenteeRequests(
  db: Executor,
  workspaceId: string,
  programmeId: string,
  menteeId: string,
): Promise<MentorshipRequestRow[]> {
  return await db
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('mentee_id', '=', menteeId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

export async function insertMentorshipRequest(
  trx: Executor,
  row: { workspaceId: string; programmeId: string; menteeId: string; mentorId: string; now: Date },
): Promise<MentorshipRequestRow> {
  return await trx
    .insertInto('mentorship_requests')
    .values({
      workspace_id: row.workspaceId,
      programme_id: row.programmeId,
      mentee_id: row.menteeId,
      mentor_id: row.mentorId,
      status: 'open',
      requested_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The request, locked until the transaction ends. */
export async function lockMentorshipRequest(
  trx: Executor,
  workspaceId: string,
  requestId: string,
): Promise<MentorshipRequestRow | undefined> {
  return await trx
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findMentorshipRequest(
  db: Executor,
  workspaceId: string,
  requestId: string,
): Promise<MentorshipRequestRow | undefined> {
  return await db
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .executeTakeFirst();
}

export async function closeMentorshipRequest(
  trx: Executor,
  workspaceId: string,
  requestId: string,
  status: Exclude<MentorshipRequestStatus, 'open'>,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('mentorship_requests')
    .set({ status, answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', requestId)
    .execute();
}

/** The mentee's other open requests close once they have a mentor. */
export async function withdrawOpenRequestsOf(
  trx: Executor,
  workspaceId: string,
  programmeId: string,
  menteeId: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('mentorship_requests')
    .set({ status: 'withdrawn', answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('programme_id', '=', programmeId)
    .where('mentee_id', '=', menteeId)
    .where('status', '=', 'open')
    .execute();
}

/** Open requests made at or before `cutoff` become expired; returns them. */
export async function expireMentorshipRequests(
  db: Executor,
  workspaceId: string,
  cutoff: Date,
  now: Date,
): Promise<Array<{ programmeId: string; menteeId: string; mentorId: string }>> {
  const rows = await db
    .updateTable('mentorship_requests')
    .set({ status: 'expired', answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('requested_at', '<=', cutoff)
    .returning(['programme_id', 'mentee_id', 'mentor_id'])
    .execute();
  return rows.map((r) => ({ programmeId: r.programme_id, menteeId: r.mentee_id, mentorId: r.mentor_id }));
}

/** These requests become expired if still open (an answer that came first wins); returns those closed. */
export async function expireOpenMentorshipRequests(
  db: Executor,
  workspaceId: string,
  requestIds: string[],
  now: Date,
): Promise<Array<{ programmeId: string; menteeId: string; mentorId: string }>> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .updateTable('mentorship_requests')
    .set({ status: 'expired', answered_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', requestIds)
    .where('status', '=', 'open')
    .returning(['programme_id', 'mentee_id', 'mentor_id'])
    .execute();
  return rows.map((r) => ({ programmeId: r.programme_id, menteeId: r.mentee_id, mentorId: r.mentor_id }));
}

/** The workspace's open requests, oldest first: each one's mentor should have its DM. */
export async function findOpenMentorshipRequests(db: Executor, workspaceId: string): Promise<MentorshipRequestRow[]> {
  return await db
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

/**
 * Declined or expired requests whose mentee was not yet offered their next suggestion, in the order they closed;
 * narrowed to one mentee of one programme when given.
 */
export async function findRequestsAwaitingHandoff(
  db: Executor,
  workspaceId: string,
  of?: { programmeId: string; menteeId: string },
): Promise<MentorshipRequestRow[]> {
  let query = db
    .selectFrom('mentorship_requests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['declined', 'expired'])
    .where('handed_off_at', 'is', null);
  if (of) query = query.where('programme_id', '=', of.programmeId).where('mentee_id', '=', of.menteeId);
  return await query.orderBy('answered_at').orderBy('id').execute();
}

export async function markRequestsHandedOff(
  db: Executor,
  workspaceId: string,
  requestIds: string[],
  now: Date,
): Promise<void> {
  if (requestIds.length === 0) return;
  await db
    .updateTable('mentorship_requests')
    .set({ handed_off_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', requestIds)
    .where('handed_off_at', 'is', null)
    .execute();
}
