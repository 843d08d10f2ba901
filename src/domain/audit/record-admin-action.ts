import type { Db } from '../../db/database.ts';
import { insertAdminAuditEntry } from '../../db/queries/admin-audit-log.ts';
import type { AdminAction, AuditChanges, AuditValue } from '../../db/schema-audit.ts';

export type { AdminAction, AuditChanges, AuditValue } from '../../db/schema-audit.ts';

/**
 * Records one admin action. Call it with the transaction that makes the change, so the change and its record land
 * together or not at all.
 */
export async function recordAdminAction(
  trx: Db,
  input: {
    workspaceId: string;
    actorId: string;
    action: AdminAction;
    subject?: string | null;
    changes?: AuditChanges;
    now: Date;
  },
): Promise<void> {
  await insertAdminAuditEntry(trx, {
    workspaceId: input.workspaceId,
    actorId: input.actorId,
    action: input.action,
    subject: input.subject ?? null,
    changes: input.changes ?? {},
    at: input.now,
  });
}

function sameValue(a: AuditValue, b: AuditValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields whose value differs, with both values; fields equal before and after are left out. */
export function changedFields<K extends string>(
  before: Record<K, AuditValue>,
  after: Record<K, AuditValue>,
): AuditChanges {
  const changes: AuditChanges = {};
  for (const key of Object.keys(after) as K[]) {
    if (!sameValue(before[key], after[key])) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}
