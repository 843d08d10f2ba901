import type { Db } from '../../db/database.ts';
import { findAllAdminAuditEntries, hasAdminAuditEntryAt } from '../../db/queries/admin-audit-log.ts';
import { isNudgeAdminUser } from '../kudos/admins.ts';
import { auditLogCsv } from './audit-log-csv.ts';
import { recordAdminAction } from './record-admin-action.ts';

export type AuditExportResult = { ok: true; csv: string; entries: number } | { ok: false; refused: 'not_admin' };

/**
 * The workspace's whole audit log as CSV for an admin, the export itself recorded first so the file shows it too.
 * `requestedAt` is when the admin asked: the entry is recorded at that moment, once, however often the job runs.
 * The admin check runs again here, on the server: someone no longer an admin when the job runs gets nothing.
 */
export async function exportAdminAuditLog(
  db: Db,
  input: { workspaceId: string; userId: string; requestedAt: Date },
): Promise<AuditExportResult> {
  return await db.transaction().execute(async (trx) => {
    if (!(await isNudgeAdminUser(trx, input.workspaceId, input.userId))) return { ok: false, refused: 'not_admin' };
    if (!(await hasAdminAuditEntryAt(trx, input.workspaceId, input.userId, 'audit.log_exported', input.requestedAt))) {
      await recordAdminAction(trx, {
        workspaceId: input.workspaceId,
        actorId: input.userId,
        action: 'audit.log_exported',
        now: input.requestedAt,
      });
    }
    const entries = await findAllAdminAuditEntries(trx, input.workspaceId);
    return { ok: true, csv: auditLogCsv(entries), entries: entries.length };
  });
}
