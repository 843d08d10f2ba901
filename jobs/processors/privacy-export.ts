import { erasedAt } from '../../src/domain/privacy/erasure-status.ts';
import { exportFiles } from '../../src/domain/privacy/export-files.ts';
import { exportPerson, recordPersonExport } from '../../src/domain/privacy/export-person.ts';
import { myDataDirectoryOnlyMessage, myDataFilesComment } from '../../src/slack/home/my-data.blocks.ts';
import type { Processor } from '../processor.ts';

/**
 * Sends a person everything Nudge holds about them, as files in their DM with Nudge. Every file and message has its
 * own key, so a retried or repeated job sends what is missing and nothing twice.
 */
export const processPrivacyExport: Processor<'privacy.export'> = async (data, { deps }) => {
  const { workspaceId, userId, day } = data;
  const now = deps.clock.now();
  // Forgotten after asking: a DM or an audit entry would store their id again.
  if (await erasedAt(deps.db, { workspaceId, userId })) return { skipped: 'forgotten' };
  const result = await exportPerson(deps.db, { workspaceId, userId, now });
  const keyOf = (name: string) => `privacy.export.${userId}.${day}.${name}`;
  if (result.onlyDirectoryEntry) {
    const message = myDataDirectoryOnlyMessage(result.data.kinds.profile?.[0]);
    await deps.sender.postMessage({
      workspaceId,
      key: keyOf('directory-only'),
      to: { users: [userId] },
      text: message.text,
      blocks: message.blocks,
    });
    await recordPersonExport(deps.db, { workspaceId, userId, day, files: 0, now });
    return { files: 0 };
  }
  const files = exportFiles(result.data);
  for (const [index, file] of files.entries()) {
    await deps.sender.uploadFile({
      workspaceId,
      key: keyOf(file.filename),
      to: { users: [userId] },
      filename: file.filename,
      title: file.title,
      content: file.content,
      ...(index === 0 ? { initialComment: myDataFilesComment(files.length) } : {}),
    });
  }
  await recordPersonExport(deps.db, { workspaceId, userId, day, files: files.length, now });
  return { files: files.length };
};
