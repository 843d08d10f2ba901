import type { Db } from '../../db/database.ts';
import { findErasure } from '../../db/queries/erased-members.ts';
import { findGift, lockGiver } from '../../db/queries/kudos.ts';
import { givingTally, recordGift } from '../../db/queries/kudos-giving.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import type { KudosSource, Member } from '../../db/schema.ts';
import { periodWindow } from '../time/periods.ts';
import { loadWorkspaceKudos } from './settings.ts';
import { suggestValues } from './suggest-values.ts';
import { totalsDeltas } from './totals.ts';

export const maxRecipientsPerGift = 10;

export interface GiveKudosInput {
  workspaceId: string;
  giverId: string;
  /** After user-group expansion; duplicates are ignored. */
  recipientIds: string[];
  reason: string;
  /** Hashtags found in the reason; at most one is recorded as the kudos value. */
  tags: string[];
  channelId: string | null;
  source: KudosSource;
  /** Same key, same gift: a retried command or resubmitted modal records once. */
  requestKey: string;
  messageLink: string | null;
  /** The message thanked for (reactions, message shortcut); its thread hosts the celebration. */
  sourceTs?: string | null;
  /**
   * An emoji give's reaction, checked against the kudos emoji in the settings read here: the web process that
   * queued the give decided from a copy up to a few seconds old.
   */
  reaction?: string;
  /** The directory rows of the giver and recipients when the caller has just read them (saves a round trip). */
  members?: Map<string, Member>;
  now: Date;
}

export type KudosRefusal =
  | { kind: 'no_recipients' }
  | { kind: 'too_many'; count: number; max: number }
  | { kind: 'self' }
  | { kind: 'bot'; userIds: string[] }
  | { kind: 'deactivated'; userIds: string[] }
  | { kind: 'not_member'; userIds: string[] }
  | { kind: 'unknown_value'; value: string; suggestions: string[]; values: string[] }
  | { kind: 'allowance'; allowance: number; remaining: number; requested: number; resetsAt: Date }
  | { kind: 'pair_cap'; recipientId: string; cap: number; resetsAt: Date }
  | { kind: 'workspace_inactive' }
  | { kind: 'not_kudos_emoji' }
  | { kind: 'giver_erased' };

export type GiveKudosResult =
  | {
      ok: true;
      giftId: string;
      recipientIds: string[];
      value: string | null;
      remaining: number;
      allowance: number;
      resetsAt: Date;
      /** True when this request had already been recorded (a double submit): nothing new was given. */
      duplicate: boolean;
    }
  | { ok: false; refusal: KudosRefusal };

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

/**
 * Records one act of giving kudos to one or more people, after every rule: real, active, human members of this
 * workspace; not yourself; a known value; the giver's allowance for the period and the per-pair weekly cap, both
 * in the workspace's time zone. The allowance check and the insert happen under a per-giver lock, so parallel
 * requests can never overspend.
 */
export async function giveKudos(db: Db, input: GiveKudosInput): Promise<GiveKudosResult> {
  // Postgres text cannot hold NUL; a person can still type one. Drop it rather than fail the whole gift.
  const reason = input.reason.replaceAll('\u0000', '');
  const recipientIds = unique(input.recipientIds);
  if (recipientIds.length === 0) return { ok: false, refusal: { kind: 'no_recipients' } };
  if (recipientIds.includes(input.giverId)) return { ok: false, refusal: { kind: 'self' } };
  if (recipientIds.length > maxRecipientsPerGift) {
    return { ok: false, refusal: { kind: 'too_many', count: recipientIds.length, max: maxRecipientsPerGift } };
  }
  const people = [input.giverId, ...recipientIds];
  const members =
    input.members && people.every((id) => input.members?.has(id))
      ? input.members
      : await findMembersByIds(db, input.workspaceId, people);
  // A gift queued before its giver asked Nudge to forget them must not bring their id back.
  if (!members.has(input.giverId) && (await findErasure(db, input.workspaceId, input.giverId))) {
    return { ok: false, refusal: { kind: 'giver_erased' } };
  }
  const missing = recipientIds.filter((id) => !members.has(id));
  if (missing.length > 0) return { ok: false, refusal: { kind: 'not_member', userIds: missing } };
  const bots = recipientIds.filter((id) => members.get(id)?.is_bot);
  if (bots.length > 0) return { ok: false, refusal: { kind: 'bot', userIds: bots } };
  const deactivated = recipientIds.filter((id) => members.get(id)?.is_deleted);
  if (deactivated.length > 0) return { ok: false, refusal: { kind: 'deactivated', userIds: deactivated } };

  const { workspace, settings } = await loadWorkspaceKudos(db, input.workspaceId);
  if (workspace?.status !== 'active') return { ok: false, refusal: { kind: 'workspace_inactive' } };
  if (input.reaction !== undefined && input.reaction !== settings.emoji) {
    return { ok: false, refusal: { kind: 'not_kudos_emoji' } };
  }
  const known = input.tags.filter((tag) => settings.values.includes(tag));
  const unknown = input.tags.find((tag) => !settings.values.includes(tag));
  if (known.length === 0 && unknown !== undefined) {
    return {
      ok: false,
      refusal: {
        kind: 'unknown_value',
        value: unknown,
        suggestions: suggestValues(unknown, settings.values, 3),
        values: settings.values,
      },
    };
  }
  const value = known[0] ?? null;
  const timeZone = workspace.timeZone;
  const allowanceWindow = periodWindow(input.now, timeZone, settings.allowancePeriod);
  const week = periodWindow(input.now, timeZone, 'week');

  return await db.transaction().execute(async (trx) => {
    await lockGiver(trx, input.workspaceId, input.giverId);
    const tally = await givingTally(trx, {
      workspaceId: input.workspaceId,
      giverId: input.giverId,
      requestKey: input.requestKey,
      recipientIds,
      allowance: allowanceWindow,
      week,
    });
    const previous = tally.previousGiftId ? await findGift(trx, input.workspaceId, tally.previousGiftId) : undefined;
    if (previous) {
      return {
        ok: true as const,
        giftId: previous.id,
        recipientIds: previous.recipientIds,
        value: previous.value,
        remaining: Math.max(0, settings.allowance - tally.used),
        allowance: settings.allowance,
        resetsAt: allowanceWindow.end,
        duplicate: true,
      };
    }
    const remaining = settings.allowance - tally.used;
    if (recipientIds.length > remaining) {
      return {
        ok: false as const,
        refusal: {
          kind: 'allowance' as const,
          allowance: settings.allowance,
          remaining: Math.max(0, remaining),
          requested: recipientIds.length,
          resetsAt: allowanceWindow.end,
        },
      };
    }
    const capped = recipientIds.find((id) => (tally.pairCounts.get(id) ?? 0) + 1 > settings.pairCap);
    if (capped) {
      return {
        ok: false as const,
        refusal: { kind: 'pair_cap' as const, recipientId: capped, cap: settings.pairCap, resetsAt: week.end },
      };
    }

    const giverTeam = members.get(input.giverId)?.team ?? null;
    const ledger = recipientIds.map((recipientId) => ({
      recipientId,
      giverTeam,
      recipientTeam: members.get(recipientId)?.team ?? null,
    }));
    const deltaRows = ledger.map((row) => ({ ...row, giverId: input.giverId }));
    const giftId = await recordGift(
      trx,
      {
        workspaceId: input.workspaceId,
        giverId: input.giverId,
        requestKey: input.requestKey,
        source: input.source,
        reason,
        value,
        channelId: input.channelId,
        messageLink: input.messageLink,
        sourceTs: input.sourceTs ?? null,
        givenAt: input.now,
      },
      ledger,
      totalsDeltas(deltaRows, input.now, timeZone, 1),
    );
    return {
      ok: true as const,
      giftId,
      recipientIds,
      value,
      remaining: remaining - recipientIds.length,
      allowance: settings.allowance,
      resetsAt: allowanceWindow.end,
      duplicate: false,
    };
  });
}
