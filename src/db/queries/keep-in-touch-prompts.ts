import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { KeepInTouchPromptAnswer } from '../schema-keep-in-touch.ts';

type Executor = Kysely<Database>;

/**
 * Records a follow-up prompt owed to each person about each partner they met through Nudge in (`from`, `until`]: a
 * pairing group whose check-in someone answered "met" (the first such answer), a mentorship pair's first recorded
 * meeting, an accepted learning request (its intro is the meeting). Only people both still here, never about someone
 * who already is a contact, and once per person and partner ever (the unique key): returns how many were added.
 */
export async function insertOwedPrompts(
  db: Executor,
  input: { workspaceId: string; from: Date; until: Date; now: Date },
): Promise<number> {
  const ws = input.workspaceId;
  const result = await sql`
    insert into keep_in_touch_prompts (workspace_id, user_id, partner_id, source, met_at, created_at)
    select distinct on (s.user_id, s.partner_id) ${ws}, s.user_id, s.partner_id, s.source, s.met_at, ${input.now}
    from (
      select a.user_id, b.user_id as partner_id, 'pairing' as source, met.met_at
      from (select rc.group_id, min(rc.answered_at) as met_at from round_checkins rc
            where rc.workspace_id = ${ws} and rc.answer = 'met' group by rc.group_id) met
      join round_groups g on g.workspace_id = ${ws} and g.id = met.group_id and g.status = 'delivered'
      cross join lateral unnest(g.members) as a(user_id)
      cross join lateral unnest(g.members) as b(user_id)
      where a.user_id <> b.user_id
      union all
      select p.mentor_id, p.mentee_id, 'mentorship', p.first_met_at from mentorship_pairs p
      where p.workspace_id = ${ws} and p.first_met_at is not null
      union all
      select p.mentee_id, p.mentor_id, 'mentorship', p.first_met_at from mentorship_pairs p
      where p.workspace_id = ${ws} and p.first_met_at is not null
      union all
      select l.asker_id, l.expert_id, 'learning', l.answered_at from learning_requests l
      where l.workspace_id = ${ws} and l.status = 'accepted' and l.answered_at is not null
      union all
      select l.expert_id, l.asker_id, 'learning', l.answered_at from learning_requests l
      where l.workspace_id = ${ws} and l.status = 'accepted' and l.answered_at is not null
    ) s
    where s.met_at > ${input.from} and s.met_at <= ${input.until}
      and exists (select 1 from members m where m.workspace_id = ${ws} and m.user_id = s.user_id
                  and not m.is_deleted and not m.is_bot and m.departed_at is null)
      and exists (select 1 from members m where m.workspace_id = ${ws} and m.user_id = s.partner_id
                  and not m.is_deleted and not m.is_bot and m.departed_at is null)
      and not exists (select 1 from keep_in_touch_contacts c where c.workspace_id = ${ws}
                      and c.owner_id = s.user_id and c.contact_id = s.partner_id)
    order by s.user_id, s.partner_id, s.met_at
    on conflict (workspace_id, user_id, partner_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Prompts not yet sent nor settled, for meetings after `since`. */
export async function findOwedPromptIds(db: Executor, workspaceId: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('keep_in_touch_prompts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('sent_at', 'is', null)
    .where('answered_at', 'is', null)
    .where('met_at', '>', since)
    .orderBy('met_at')
    .execute();
  return rows.map((r) => r.id);
}

export async function findPrompt(db: Executor, workspaceId: string, promptId: string) {
  return await db
    .selectFrom('keep_in_touch_prompts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', promptId)
    .executeTakeFirst();
}

export async function markPromptSent(db: Executor, workspaceId: string, promptId: string, at: Date): Promise<void> {
  await db
    .updateTable('keep_in_touch_prompts')
    .set({ sent_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', promptId)
    .where('sent_at', 'is', null)
    .execute();
}

/** Settles a prompt once: false when it was answered already (a double click) or is not this person's. */
export async function settlePrompt(
  db: Executor,
  input: { workspaceId: string; promptId: string; userId?: string; answer: KeepInTouchPromptAnswer; at: Date },
): Promise<boolean> {
  let query = db
    .updateTable('keep_in_touch_prompts')
    .set({ answer: input.answer, answered_at: input.at })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.promptId)
    .where('answered_at', 'is', null);
  if (input.userId !== undefined) query = query.where('user_id', '=', input.userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
