import { stringify } from 'csv-stringify/sync';
import type { AdminAuditEntry } from '../../db/queries/admin-audit-log.ts';

export const auditCsvColumns = ['at', 'actor_id', 'action', 'subject', 'changes'] as const;

/**
 * The audit log as CSV, one row per entry as stored: the time in ISO 8601 (UTC), the ids as Slack knows them (an erased
 * person's random tombstone id stays as it is), the changes as JSON. `csv-stringify` quotes what needs quoting, so a
 * comma or a line break in a changed value stays in its cell.
 */
export function auditLogCsv(entries: AdminAuditEntry[]): string {
  return stringify([
    [...auditCsvColumns],
    ...entries.map((e) => [e.at.toISOString(), e.actor_id, e.action, e.subject ?? '', JSON.stringify(e.changes)]),
  ]);
}
