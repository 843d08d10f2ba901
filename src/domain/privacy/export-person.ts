import type { Db } from '../../db/database.ts';
import { countAdminAuditEntriesSince } from '../../db/queries/admin-audit-log.ts';
import { exportKinds, findExportRows } from '../../db/queries/person-export.ts';
import { recordAdminAction } from '../audit/record-admin-action.ts';

/** A row as it goes into the files: dates as ISO strings, JSON columns as parsed values. */
export type ExportedRow = Record<string, unknown>;

export interface PersonExport {
  workspaceId: string;
  userId: string;
  exportedAt: string;
  /** Every kind, in the order of docs/privacy.md, with its rows (empty when Nudge holds none). */
  kinds: Record<string, ExportedRow[]>;
}

/** The kinds that make up someone's directory entry: what Slack's directory says, which everyone in it has. */
export const directoryKinds: ReadonlySet<string> = new Set(['profile', 'profile_fields']);

export interface PersonExportResult {
  data: PersonExport;
  /** True when Nudge holds nothing about them beyond their directory entry. */
  onlyDirectoryEntry: boolean;
}

/** Requests whose answer is the other person's to keep: the one who asked sees a decline as the product shows it. */
const askersOf: Record<string, string> = { mentorship_requests: 'mentee_id', learning_requests: 'asker_id' };

/**
 * A row as the person is shown it in Slack. A decline is confidential to whoever declined: the one who asked saw the
 * request close and the next suggestion take its place, exactly as after an expiry, so their export says "closed".
 */
function asTheySeeIt(kind: string, row: ExportedRow, userId: string): ExportedRow {
  const askerColumn = askersOf[kind];
  if (!askerColumn || row[askerColumn] !== userId) return row;
  if (row.status !== 'declined' && row.status !== 'expired') return row;
  return { ...row, status: 'closed' };
}

/**
 * Everything Nudge holds about one person in one workspace, read in one snapshot so the kinds agree with each other.
 * Only their own rows: their own check-in answers and feedback, blocks they made (never blocks made against them).
 */
export async function exportPerson(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date },
): Promise<PersonExportResult> {
  return await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const kinds: Record<string, ExportedRow[]> = {};
      for (const kind of exportKinds) {
        const rows = await findExportRows(trx, kind, input);
        // A round trip through JSON is exactly what the JSON file holds, so the CSVs and the JSON agree.
        const exported = JSON.parse(JSON.stringify(rows)) as ExportedRow[];
        kinds[kind.kind] = exported.map((row) => asTheySeeIt(kind.kind, row, input.userId));
      }
      const onlyDirectoryEntry = Object.entries(kinds).every(
        ([kind, rows]) => directoryKinds.has(kind) || rows.length === 0,
      );
      return {
        data: { workspaceId: input.workspaceId, userId: input.userId, exportedAt: input.now.toISOString(), kinds },
        onlyDirectoryEntry,
      };
    });
}

/**
 * Records that a person exported their data, once per person and day however often the job runs: the audit log
 * says who took their data out and when, with the person as the actor.
 */
export async function recordPersonExport(
  db: Db,
  input: { workspaceId: string; userId: string; day: string; files: number; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const since = new Date(`${input.day}T00:00:00Z`);
    if ((await countAdminAuditEntriesSince(trx, input.workspaceId, input.userId, 'privacy.data_exported', since)) > 0) {
      return;
    }
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.userId,
      action: 'privacy.data_exported',
      changes: { files: { from: null, to: input.files } },
      now: input.now,
    });
  });
}
