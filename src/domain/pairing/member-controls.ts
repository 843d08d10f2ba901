import type { Db } from '../../db/database.ts';
import { upsertProgrammeMember } from '../../db/queries/pairing.ts';
import { deleteBlock, insertBlock } from '../../db/queries/pairing-members.ts';

/** Every member control is confidential and idempotent: saying it twice leaves the same state. */

export type PauseResult = { ok: true } | { ok: false; reason: 'date_passed' };

/**
 * Pauses until a date (inclusive) or until resumed. A date before the person's own today would pause nothing, so
 * it is refused and nothing changes.
 */
export async function pauseMember(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date } & (
    | { until: null }
    | { until: string /** The person's local date, 'YYYY-MM-DD'. */; today: string }
  ),
): Promise<PauseResult> {
  if (input.until !== null && input.until < input.today) return { ok: false, reason: 'date_passed' };
  await upsertProgrammeMember(db, input, { status: 'paused', paused_until: input.until }, input.now);
  return { ok: true };
}

export async function resumeMember(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
) {
  return await upsertProgrammeMember(
    db,
    input,
    { status: 'active', paused_until: null, skip_next: false, ghost_strikes: 0 },
    input.now,
  );
}

export async function skipNextRound(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
) {
  return await upsertProgrammeMember(db, input, { skip_next: true }, input.now);
}

/** Undoes a skip that has not come round yet; a late skip already taken out of a round's group stays taken. */
export async function unskipNextRound(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
) {
  return await upsertProgrammeMember(db, input, { skip_next: false }, input.now);
}

export async function leaveProgramme(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
) {
  return await upsertProgrammeMember(db, input, { status: 'left' }, input.now);
}

/** "Don't pair me with": across every programme of the workspace, never shown to the other person. */
export async function blockPartner(
  db: Db,
  input: { workspaceId: string; userId: string; blockedUserId: string; now: Date },
): Promise<void> {
  await insertBlock(db, input, input.now);
}

export async function unblockPartner(
  db: Db,
  input: { workspaceId: string; userId: string; blockedUserId: string },
): Promise<boolean> {
  return await deleteBlock(db, input);
}

/** Remembers that a newcomer was welcomed, so they are greeted once. */
export async function markGreeted(
  db: Db,
  input: { workspaceId: string; programmeId: string; userId: string; now: Date },
) {
  await upsertProgrammeMember(db, input, { greeted_at: input.now }, input.now);
}
