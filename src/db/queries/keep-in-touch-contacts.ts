import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

export interface ContactRow {
  owner_id: string;
  contact_id: string;
  cadence_weeks: number;
  anchor_at: Date;
  snoozed_until: Date | null;
  /** The latest contact Nudge saw between the two, whatever started it; null when none. */
  last_contact_at: Date | null;
  /** When a reconnect falls due: the timer's start or the last contact, whichever is later, plus the cadence. */
  due_at: Date;
  /** The owner's last weekly reconnect DM. */
  last_reconnect_at: Date | null;
}

/**
 * The latest contact between `c.owner_id` and `c.contact_id` that Nudge saw: a kudos either way (not taken back), a
 * delivered pairing group holding both, an accepted learning request between them, a recorded meeting of their
 * mentorship. Read from the tables that record those things, so every path that records one counts.
 */
const lastContact: RawBuilder<Date | null> = sql<Date | null>`greatest(
  (select max(k.given_at) from kudos k
    where k.workspace_id = c.workspace_id
      and ((k.giver_id = c.owner_id and k.recipient_id = c.contact_id)
        or (k.giver_id = c.contact_id and k.recipient_id = c.owner_id))
      and not exists (select 1 from kudos_revocations r where r.workspace_id = k.workspace_id and r.gift_id = k.gift_id)),
  (select max(g.delivered_at) from round_groups g
    where g.workspace_id = c.workspace_id and g.status = 'delivered' and g.members @> array[c.owner_id, c.contact_id]),
  (select max(l.answered_at) from learning_requests l
    where l.workspace_id = c.workspace_id and l.status = 'accepted'
      and ((l.asker_id = c.owner_id and l.expert_id = c.contact_id)
        or (l.asker_id = c.contact_id and l.expert_id = c.owner_id))),
  (select max(p.last_met_at) from mentorship_pairs p
    where p.workspace_id = c.workspace_id
      and ((p.mentor_id = c.owner_id and p.mentee_id = c.contact_id)
        or (p.mentor_id = c.contact_id and p.mentee_id = c.owner_id))))`;

/** Contacts still here (not departed, erased or a bot), with when each falls due; `filter` narrows the rows. */
async function contactsWithDue(db: Executor, workspaceId: string, filter: RawBuilder<unknown>): Promise<ContactRow[]> {
  const result = await sql<ContactRow>`
    select d.* from (
      select c.owner_id, c.contact_id, c.cadence_weeks, c.anchor_at, c.snoozed_until, lc.last_contact_at,
        greatest(c.anchor_at, coalesce(lc.last_contact_at, c.anchor_at))
          + make_interval(weeks => c.cadence_weeks) as due_at,
        p.opted_out_at, p.last_reconnect_at
      from keep_in_touch_contacts c
      cross join lateral (select ${lastContact} as last_contact_at) lc
      join members m on m.workspace_id = c.workspace_id and m.user_id = c.contact_id
      left join keep_in_touch_people p on p.workspace_id = c.workspace_id and p.user_id = c.owner_id
      where c.workspace_id = ${workspaceId} and not m.is_deleted and not m.is_bot and m.departed_at is null
    ) d
    where ${filter}
    order by d.owner_id, d.due_at, d.contact_id`.execute(db);
  return result.rows.map((r) => ({
    owner_id: r.owner_id,
    contact_id: r.contact_id,
    cadence_weeks: r.cadence_weeks,
    anchor_at: r.anchor_at,
    snoozed_until: r.snoozed_until,
    last_contact_at: r.last_contact_at,
    due_at: r.due_at,
    last_reconnect_at: r.last_reconnect_at,
  }));
}

/** One person's contacts who are still here, soonest due first. */
export async function findContactsOf(db: Executor, workspaceId: string, ownerId: string): Promise<ContactRow[]> {
  return await contactsWithDue(db, workspaceId, sql`d.owner_id = ${ownerId}`);
}

/**
 * Contacts due by `now` and not snoozed, of owners who have not opted out, longest overdue first: of one owner, or of
 * every owner whose last reconnect DM is at least `reconnectedBefore` old.
 */
export async function findOverdueContacts(
  db: Executor,
  input: { workspaceId: string; now: Date; ownerId?: string; reconnectedBefore?: Date },
): Promise<ContactRow[]> {
  const owner = input.ownerId === undefined ? sql`true` : sql`d.owner_id = ${input.ownerId}`;
  const reconnected =
    input.reconnectedBefore === undefined
      ? sql`true`
      : sql`(d.last_reconnect_at is null or d.last_reconnect_at <= ${input.reconnectedBefore})`;
  return await contactsWithDue(
    db,
    input.workspaceId,
    sql`d.opted_out_at is null and (d.snoozed_until is null or d.snoozed_until <= ${input.now})
      and d.due_at <= ${input.now} and ${owner} and ${reconnected}`,
  );
}

export async function findContact(db: Executor, workspaceId: string, ownerId: string, contactId: string) {
  return await db
    .selectFrom('keep_in_touch_contacts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
}

export async function countContactsOf(db: Executor, workspaceId: string, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('keep_in_touch_contacts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Adds the contact, or sets a new cadence and starts the timer again when they already are one. */
export async function upsertContact(
  db: Executor,
  row: { workspaceId: string; ownerId: string; contactId: string; cadenceWeeks: number; now: Date },
): Promise<void> {
  await db
    .insertInto('keep_in_touch_contacts')
    .values({
      workspace_id: row.workspaceId,
      owner_id: row.ownerId,
      contact_id: row.contactId,
      cadence_weeks: row.cadenceWeeks,
      anchor_at: row.now,
      created_at: row.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'owner_id', 'contact_id'])
        .doUpdateSet({ cadence_weeks: row.cadenceWeeks, anchor_at: row.now, snoozed_until: null }),
    )
    .execute();
}

export async function deleteContact(
  db: Executor,
  workspaceId: string,
  ownerId: string,
  contactId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('keep_in_touch_contacts')
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', '=', ownerId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Snooze (`snoozedUntil`) or done (`anchorAt`, which also lifts a snooze): false when there is no such contact. */
export async function updateContactTimer(
  db: Executor,
  input: { workspaceId: string; ownerId: string; contactId: string } & ({ snoozedUntil: Date } | { anchorAt: Date }),
): Promise<boolean> {
  const set =
    'snoozedUntil' in input
      ? { snoozed_until: input.snoozedUntil }
      : { anchor_at: input.anchorAt, snoozed_until: null };
  const result = await db
    .updateTable('keep_in_touch_contacts')
    .set(set)
    .where('workspace_id', '=', input.workspaceId)
    .where('owner_id', '=', input.ownerId)
    .where('contact_id', '=', input.contactId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
