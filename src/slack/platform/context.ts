import type { Context } from '@slack/bolt';
import { workspaceKey } from './workspace-key.ts';

/** The workspace a request belongs to, set by the workspace middleware before any listener runs. */
export function workspaceOf(context: Context): string {
  const id = (context as { workspaceId?: string }).workspaceId ?? workspaceKey(context);
  if (!id) throw new Error('request has no workspace');
  return id;
}
