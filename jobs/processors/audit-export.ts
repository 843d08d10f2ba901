import { exportAdminAuditLog } from '../../src/domain/audit/export-audit-log.ts';
import { auditExportComment, auditExportFilename } from '../../src/slack/settings/admin-audit.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * Sends an admin the workspace's whole audit log as a CSV file in their DM. The file has its own send key, so a
 * retried job shares it once; the export is recorded once, at the moment the admin asked.
 */
export const processAuditExport: Processor<'audit.export'> = async (data, { deps }) => {
  const requestedAt = new Date(data.requestedAt);
  const result = await exportAdminAuditLog(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    requestedAt,
  });
  // No longer an admin by the time the job ran: nothing is sent or recorded.
  if (!result.ok) return { refused: result.refused };
  const filename = auditExportFilename(requestedAt);
  await deps.sender.uploadFile({
    workspaceId: data.workspaceId,
    key: `audit.export.${data.userId}.${requestedAt.getTime()}`,
    to: { users: [data.userId] },
    filename,
    title: 'Nudge audit log',
    content: result.csv,
    initialComment: auditExportComment(result.entries),
  });
  return { entries: result.entries };
};
