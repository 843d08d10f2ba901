import type { Db } from '../../db/database.ts';
import { findOverdueContacts } from '../../db/queries/keep-in-touch-contacts.ts';
import { findOwedPromptIds, insertOwedPrompts } from '../../db/queries/keep-in-touch-prompts.ts';

const day = 24 * 3600 * 1000;
/** The prompt comes a day after the meeting. */
export const promptDelay = day;
/**
 * A prompt still unsent two weeks after the meeting (its person was away, Nudge was down) is no longer asked: a
 * "keep in touch?" about a meeting long past reads oddly.
 */
export const promptWindow = 14 * day;

export interface KeepInTouchWork {
  prompts: string[];
  /** People owed their weekly reconnect DM, with the DM it follows (ms, 0 for the first). */
  reconnects: Array<{ userId: string; since: number }>;
}

/**
 * What a workspace's people are owed now: the follow-up prompts of meetings at least a day old (recorded here, once per
 * person and partner), and the weekly reconnect DMs of people who have someone overdue. Read from Postgres each time,
 * so a lost job is found again by the next sweep; the processors check again before they send.
 */
export async function sweepKeepInTouch(db: Db, input: { workspaceId: string; now: Date }): Promise<KeepInTouchWork> {
  const now = input.now.getTime();
  const from = new Date(now - promptWindow);
  await insertOwedPrompts(db, {
    workspaceId: input.workspaceId,
    from,
    until: new Date(now - promptDelay),
    now: input.now,
  });
  const prompts = await findOwedPromptIds(db, input.workspaceId, from);
  const overdue = await findOverdueContacts(db, {
    workspaceId: input.workspaceId,
    now: input.now,
    reconnectedBefore: new Date(now - 7 * day),
  });
  const reconnects = new Map<string, number>();
  for (const c of overdue) reconnects.set(c.owner_id, c.last_reconnect_at?.getTime() ?? 0);
  return { prompts, reconnects: [...reconnects].map(([userId, since]) => ({ userId, since })) };
}
