import type { Db } from '../../db/database.ts';
import { type AdminAuditEntry, findAdminAuditEntries } from '../../db/queries/admin-audit-log.ts';

export type { AdminAuditEntry } from '../../db/queries/admin-audit-log.ts';

export const auditPageSize = 20;

/** Where the next (older) page starts: the last entry shown, as `<epoch ms>.<id>`, short enough for a button value. */
function cursorOf(entry: AdminAuditEntry): string {
  return `${entry.at.getTime()}.${entry.id}`;
}

function parseCursor(cursor: string): { at: Date; id: number } | undefined {
  const match = /^(\d{1,15})\.(\d{1,18})$/.exec(cursor);
  if (!match) return undefined;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { at: new Date(Number(match[1])), id } : undefined;
}

export type AuditPageResult =
  | { ok: true; entries: AdminAuditEntry[]; olderCursor: string | null }
  | { ok: false; refused: 'bad_cursor' };

/** A page of the workspace's admin actions, newest first; `olderCursor` is null on the last page. */
export async function readAdminAuditLog(
  db: Db,
  input: { workspaceId: string; cursor?: string; pageSize?: number },
): Promise<AuditPageResult> {
  const before = input.cursor === undefined ? undefined : parseCursor(input.cursor);
  if (input.cursor !== undefined && !before) return { ok: false, refused: 'bad_cursor' };
  const limit = input.pageSize ?? auditPageSize;
  const rows = await findAdminAuditEntries(db, input.workspaceId, { limit: limit + 1, ...(before ? { before } : {}) });
  const entries = rows.slice(0, limit);
  const last = entries.at(-1);
  return { ok: true, entries, olderCursor: rows.length > limit && last ? cursorOf(last) : null };
}
