import type { Db } from '../../db/database.ts';
import { findContact, upsertContact } from '../../db/queries/keep-in-touch-contacts.ts';
import { findKeepInTouchPerson, upsertOptedIn, upsertOptedOut } from '../../db/queries/keep-in-touch-people.ts';
import { findPrompt, markPromptSent, settlePrompt } from '../../db/queries/keep-in-touch-prompts.ts';
import { findMember } from '../../db/queries/members.ts';
import type { KeepInTouchSource } from '../../db/schema-keep-in-touch.ts';
import { findAwayPeople } from '../directory/away-people.ts';
import { contactRefusal, promptCadences } from './contacts.ts';

export interface PromptToSend {
  promptId: string;
  userId: string;
  partnerId: string;
  source: KeepInTouchSource;
}

const here = (m: { is_deleted: boolean; departed_at: Date | null } | undefined) =>
  m !== undefined && !m.is_deleted && m.departed_at === null;

/**
 * Whether the follow-up prompt is still owed, checked just before it is sent: never twice, never to someone who
 * opted out or is away (it waits until they are back), never about someone who left, was erased or already is a
 * contact (those are settled as skipped, so they are never asked).
 */
export async function promptToSend(
  db: Db,
  input: { workspaceId: string; promptId: string; now: Date },
): Promise<PromptToSend | { skipped: string }> {
  const prompt = await findPrompt(db, input.workspaceId, input.promptId);
  if (!prompt) return { skipped: 'no such prompt' };
  if (prompt.sent_at !== null || prompt.answered_at !== null) return { skipped: 'already sent or settled' };
  const settle = async (why: string) => {
    await settlePrompt(db, { workspaceId: input.workspaceId, promptId: prompt.id, answer: 'skipped', at: input.now });
    return { skipped: why };
  };
  const person = await findKeepInTouchPerson(db, input.workspaceId, prompt.user_id);
  if (person?.opted_out_at != null) return { skipped: 'opted out' };
  if (!here(await findMember(db, input.workspaceId, prompt.user_id))) return await settle('the person left');
  const partner = await findMember(db, input.workspaceId, prompt.partner_id);
  if (!here(partner) || partner?.is_bot) return await settle('the partner left');
  if (await findContact(db, input.workspaceId, prompt.user_id, prompt.partner_id))
    return await settle('already a contact');
  const away = await findAwayPeople(db, { workspaceId: input.workspaceId, userIds: [prompt.user_id], now: input.now });
  if (away.has(prompt.user_id)) return { skipped: 'away until their status clears' };
  return { promptId: prompt.id, userId: prompt.user_id, partnerId: prompt.partner_id, source: prompt.source };
}

export async function recordPromptSent(db: Db, input: { workspaceId: string; promptId: string; now: Date }) {
  await markPromptSent(db, input.workspaceId, input.promptId, input.now);
}

export type PromptChoice = { cadenceWeeks: number } | 'no' | 'stop';

export type PromptAnswer =
  | { ok: true; partnerId: string; choice: PromptChoice }
  | { ok: false; refused: 'not_found' | 'answered' | 'partner_left' | 'bad_choice' };

/**
 * The person's answer to their own prompt, once: a cadence adds the partner as a contact (and opts in), "no" only
 * closes the prompt, "stop" turns every keep-in-touch reminder off.
 */
export async function answerFollowUpPrompt(
  db: Db,
  input: { workspaceId: string; promptId: string; userId: string; choice: PromptChoice; now: Date },
): Promise<PromptAnswer> {
  const { choice } = input;
  if (typeof choice === 'object' && !(promptCadences as readonly number[]).includes(choice.cadenceWeeks))
    return { ok: false, refused: 'bad_choice' };
  return await db.transaction().execute(async (trx) => {
    const prompt = await findPrompt(trx, input.workspaceId, input.promptId);
    if (!prompt || prompt.user_id !== input.userId) return { ok: false as const, refused: 'not_found' as const };
    if (typeof choice === 'object') {
      const partner = await findMember(trx, input.workspaceId, prompt.partner_id);
      if (contactRefusal(input.userId, partner, prompt.partner_id))
        return { ok: false as const, refused: 'partner_left' as const };
    }
    const answer = typeof choice === 'object' ? 'kept' : choice === 'no' ? 'no' : 'opted_out';
    const settled = await settlePrompt(trx, { ...input, answer, at: input.now });
    if (!settled) return { ok: false as const, refused: 'answered' as const };
    if (typeof choice === 'object') {
      await upsertContact(trx, {
        workspaceId: input.workspaceId,
        ownerId: input.userId,
        contactId: prompt.partner_id,
        cadenceWeeks: choice.cadenceWeeks,
        now: input.now,
      });
      await upsertOptedIn(trx, input.workspaceId, input.userId, input.now);
    }
    if (choice === 'stop') await upsertOptedOut(trx, input.workspaceId, input.userId, input.now);
    return { ok: true as const, partnerId: prompt.partner_id, choice };
  });
}
