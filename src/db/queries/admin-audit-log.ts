import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../schema.ts';
import type { AdminAction, AdminAuditLogTable, AuditChanges } from '../schema-audit.ts';

type Executor = Kysely<Database>;

export type AdminAuditEntry = Selectable<AdminAuditLogTable>;

export async function insertAdminAuditEntry(
  db: Executor,
  entry: {
    workspaceId: string;
    actorId: string;
    action: AdminAction;
    subject: string | null;
    changes: AuditChanges;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('admin_audit_log')
    .values({
      workspace_id: entry.workspaceId,
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      changes: JSON.stringify(entry.changes),
    })
    .execute();
}

/** Newest first; `before` is the last entry of the previous page, so a page never repeats or skips an entry. */
export async function findAdminAuditEntries(
  db: Executor,
  workspaceId: string,
  page: { limit: number; before?: { at: Date; id: number } },
): Promise<AdminAuditEntry[]> {
  let query = db.selectFrom('admin_audit_log').selectAll().where('workspace_id', '=', workspaceId);
  const before = page.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  return await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

/** How many entries of one action one person made since a moment: lets an action be recorded once per period. */
export async function countAdminAuditEntriesSince(
  db: Executor,
  workspaceId: string,
  actorId: string,
  action: AdminAction,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('admin_audit_log')
    .select((eb) => eb.fn.countAll<string>().as('entries'))
    .where('workspace_id', '=', workspaceId)
    .where('actor_id', '=', actorId)
    .where('action', '=', action)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.entries);
}

/** Every entry of the workspace, oldest first: the whole log, for an admin's export. */
export async function findAllAdminAuditEntries(db: Executor, workspaceId: string): Promise<AdminAuditEntry[]> {
  return await db
    .selectFrom('admin_audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Whether one person's action was recorded at exactly that moment: lets a retried job record it once. */
export async function hasAdminAuditEntryAt(
  db: Executor,
  workspaceId: string,
  actorId: string,
  action: AdminAction,
  at: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('admin_audit_log')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('actor_id', '=', actorId)
    .where('action', '=', action)
    .where('at', '=', at)
    .executeTakeFirst();
  return row !== undefined;
}
