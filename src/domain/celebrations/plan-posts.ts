import type { Db } from '../../db/database.ts';
import {
  countChannelBatchesAt,
  findPendingPosts,
  findPostKeys,
  finishPosts,
  insertCelebrationPosts,
  lockCelebrationPlanning,
} from '../../db/queries/celebration-posts.ts';
import { type CelebrantRow, findCelebrants } from '../../db/queries/celebration-profiles.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import type { CelebrationPostRow, OccasionKind } from '../../db/schema-celebrations.ts';
import {
  type Celebrant,
  dueOccasions,
  formatDate,
  momentLabel,
  monthDaysAround,
  type Occasion,
  parseDate,
} from './occasions.ts';
import { loadCelebrationSettings } from './settings.ts';

/**
 * Exactly once per person, occasion and year: each run decides what is due *now* and writes one ledger row per
 * (person, occasion, year) before anything is sent; the primary key makes a second decision impossible. Rows of
 * one posting moment share a sender key, so they become one message, and the sender's ledger makes that message
 * go out once whatever the retries, restarts or crashes. Nothing depends on when (or how often) the job runs:
 * a run compares instants, so DST nights, late runs and restarts all land on the same rows.
 */

/** Rows still pending this long after their moment are given up (Slack unreachable for days). */
const stalePendingHours = 48;

export function celebrantFromRow(row: CelebrantRow): Celebrant {
  const start = row.start_date ? parseDate(row.start_date) : undefined;
  return {
    userId: row.user_id,
    timeZone: row.time_zone,
    birthday:
      row.birthday_month !== null && row.birthday_day !== null
        ? { month: row.birthday_month, day: row.birthday_day }
        : null,
    startDate: start ?? null,
    birthdayVisibility: row.birthday_visibility,
    anniversaryVisibility: row.anniversary_visibility,
  };
}

export function channelSendKey(occasion: Pick<Occasion, 'observed' | 'moment'>, postHour: number, batch: number) {
  return `celebrations.${momentLabel(occasion, postHour)}.b${batch}`;
}

export function dmSendKey(userId: string, kind: OccasionKind, year: number): string {
  return `celebrations.dm.${userId}.${kind}.${year}`;
}

export interface PlanResult {
  planned: number;
  /** Due for the channel but no celebrations channel is set: they wait (and post if one is set in time). */
  waitingForChannel: number;
  paused: boolean;
}

export async function planCelebrationPosts(db: Db, input: { workspaceId: string; now: Date }): Promise<PlanResult> {
  const settings = await loadCelebrationSettings(db, input.workspaceId);
  if (settings.paused) return { planned: 0, waitingForChannel: 0, paused: true };
  const people = (await findCelebrants(db, input.workspaceId, monthDaysAround(input.now))).map(celebrantFromRow);
  const due = dueOccasions(people, settings, input.now);
  if (due.length === 0) return { planned: 0, waitingForChannel: 0, paused: false };
  return await db.transaction().execute(async (trx) => {
    await lockCelebrationPlanning(trx, input.workspaceId);
    const taken = await findPostKeys(
      trx,
      input.workspaceId,
      due.map((o) => o.userId),
    );
    const fresh = due.filter((o) => !taken.has(`${o.userId}|${o.kind}|${o.occasionYear}`));
    const forChannel = fresh.filter((o) => o.visibility === 'channel');
    const waitingForChannel = settings.channelId ? 0 : forChannel.length;
    const rows: Parameters<typeof insertCelebrationPosts>[1] = [];
    const base = (o: Occasion) => ({
      workspace_id: input.workspaceId,
      user_id: o.userId,
      occasion: o.kind,
      occasion_year: o.occasionYear,
      occasion_date: formatDate(o.date),
      observed_date: formatDate(o.observed),
      moment: o.moment,
      years: o.years,
      created_at: input.now,
    });
    if (settings.channelId) {
      const byMoment = new Map<number, Occasion[]>();
      for (const o of forChannel) byMoment.set(o.moment.getTime(), [...(byMoment.get(o.moment.getTime()) ?? []), o]);
      for (const group of byMoment.values()) {
        const first = group[0] as Occasion;
        // A later batch for the same moment (someone added their date after it went out) is its own message.
        const batch = (await countChannelBatchesAt(trx, input.workspaceId, first.moment)) + 1;
        const sendKey = channelSendKey(first, settings.postHour, batch);
        for (const o of group) {
          rows.push({ ...base(o), delivery: 'channel', channel_id: settings.channelId, send_key: sendKey });
        }
      }
    }
    for (const o of fresh.filter((x) => x.visibility === 'dm')) {
      rows.push({
        ...base(o),
        delivery: 'dm',
        channel_id: null,
        send_key: dmSendKey(o.userId, o.kind, o.occasionYear),
      });
    }
    await insertCelebrationPosts(trx, rows);
    return { planned: rows.length, waitingForChannel, paused: false };
  });
}

export interface PostBatch {
  sendKey: string;
  delivery: 'channel' | 'dm';
  channelId: string | null;
  rows: CelebrationPostRow[];
}

/**
 * Decided but not yet sent, grouped into messages. Rows of people who have since left are dropped (never
 * celebrated), and rows stuck for days are given up rather than posted long after the day.
 */
export async function pendingCelebrationBatches(
  db: Db,
  input: { workspaceId: string; now: Date },
): Promise<PostBatch[]> {
  const rows = await findPendingPosts(db, input.workspaceId);
  if (rows.length === 0) return [];
  const members = await findMembersByIds(
    db,
    input.workspaceId,
    rows.map((r) => r.user_id),
  );
  const batches = new Map<string, PostBatch>();
  const staleBefore = input.now.getTime() - stalePendingHours * 3600_000;
  for (const row of rows) {
    const member = members.get(row.user_id);
    if (!member || member.is_deleted || member.is_bot) {
      await finishPosts(
        db,
        input.workspaceId,
        { sendKey: row.send_key, userIds: [row.user_id] },
        {
          status: 'skipped',
          error: 'not an active member',
          at: input.now,
        },
      );
      continue;
    }
    if (row.moment.getTime() < staleBefore) {
      await finishPosts(
        db,
        input.workspaceId,
        { sendKey: row.send_key, userIds: [row.user_id] },
        {
          status: 'skipped',
          error: 'not sent within 48 hours',
          at: input.now,
        },
      );
      continue;
    }
    const batch = batches.get(row.send_key) ?? {
      sendKey: row.send_key,
      delivery: row.delivery,
      channelId: row.channel_id,
      rows: [],
    };
    batch.rows.push(row);
    batches.set(row.send_key, batch);
  }
  return [...batches.values()];
}

export async function finishCelebrationBatch(
  db: Db,
  input: {
    workspaceId: string;
    sendKey: string;
    outcome: 'posted' | 'failed';
    ts?: string;
    error?: string;
    now: Date;
  },
): Promise<void> {
  await finishPosts(
    db,
    input.workspaceId,
    { sendKey: input.sendKey },
    {
      status: input.outcome,
      at: input.now,
      ...(input.ts !== undefined ? { ts: input.ts } : {}),
      ...(input.error !== undefined ? { error: input.error } : {}),
    },
  );
}
