import { checkView } from '../../block-kit-limits.ts';
import { randomHex } from '../../ids.ts';
import { viewObject } from '../../slack-objects.ts';
import type { TriggerRecord, ViewRecord } from '../../store.ts';
import {
  type AuthedContext,
  fail,
  invalidArguments,
  type MethodDefinition,
  type MethodResult,
  ok,
} from '../method-context.ts';
import { stringArg } from '../parse-request.ts';
import { slackFileLookup } from './files.ts';

/** "A trigger_id expires 3 seconds after it's created" (Bolt docs, views.open reference). */
export const TRIGGER_TTL_MS = 3000;
/** Slack lets a modal stack hold three views. */
const MAX_STACK = 3;

function readView(
  ctx: AuthedContext,
  allowedTypes: string[],
): { view: Record<string, unknown> } | { error: MethodResult } {
  if (ctx.malformed.has('view')) return { error: invalidArguments(['[ERROR] failed to parse `view` as JSON']) };
  if (ctx.args.view === undefined) return { error: invalidArguments(['[ERROR] missing required field: view']) };
  const check = checkView(ctx.args.view, allowedTypes, slackFileLookup(ctx.store, ctx.workspace, ctx.baseUrl));
  if (!check.ok) {
    return { error: check.error === 'invalid_arguments' ? invalidArguments(check.messages) : fail(check.error) };
  }
  return { view: ctx.args.view as Record<string, unknown> };
}

function exchangeTrigger(ctx: AuthedContext): { trigger: TriggerRecord } | { error: MethodResult } {
  const id = stringArg(ctx.args, 'trigger_id') ?? stringArg(ctx.args, 'interactivity_pointer');
  if (id === undefined || id === '') return { error: invalidArguments(['[ERROR] missing required field: trigger_id']) };
  const trigger = ctx.store.triggers.get(id);
  if (!trigger || trigger.teamId !== ctx.workspace.teamId) return { error: fail('invalid_trigger_id') };
  if (trigger.exchanged) return { error: fail('exchanged_trigger_id') };
  if (ctx.now - trigger.createdAt > TRIGGER_TTL_MS) return { error: fail('expired_trigger_id') };
  return { trigger };
}

function externalIdTaken(ctx: AuthedContext, externalId: unknown, exceptViewId?: string): boolean {
  if (typeof externalId !== 'string' || externalId === '') return false;
  for (const view of ctx.store.views.values()) {
    if (view.teamId === ctx.workspace.teamId && view.externalId === externalId && view.id !== exceptViewId) return true;
  }
  return false;
}

function newHash(now: number): string {
  return `${Math.floor(now / 1000)}.${randomHex(4)}`;
}

function createView(
  ctx: AuthedContext,
  input: { userId: string; view: Record<string, unknown>; via: ViewRecord['via']; isHome: boolean },
): ViewRecord {
  const id = ctx.store.ids.next('V');
  const record: ViewRecord = {
    id,
    teamId: ctx.workspace.teamId,
    userId: input.userId,
    type: String(input.view.type),
    view: input.view,
    hash: newHash(ctx.now),
    rootViewId: id,
    via: input.via,
    state: 'open',
    updatedAt: ctx.now,
    isHome: input.isHome,
    appId: ctx.workspace.appId,
    botId: ctx.workspace.botId,
  };
  if (typeof input.view.external_id === 'string' && input.view.external_id !== '') {
    record.externalId = input.view.external_id;
  }
  ctx.store.views.set(id, record);
  return record;
}

function openModalsOf(ctx: AuthedContext, userId: string): ViewRecord[] {
  return [...ctx.store.views.values()].filter(
    (view) => !view.isHome && view.state === 'open' && view.teamId === ctx.workspace.teamId && view.userId === userId,
  );
}

export const viewMethods: Record<string, MethodDefinition> = {
  'views.open': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const exchanged = exchangeTrigger(ctx);
      if ('error' in exchanged) return exchanged.error;
      const read = readView(ctx, ['modal']);
      if ('error' in read) return read.error;
      if (externalIdTaken(ctx, read.view.external_id)) return fail('duplicate_external_id');
      const { trigger } = exchanged;
      trigger.exchanged = true;
      // A new root modal replaces whatever stack the user had open.
      for (const open of openModalsOf(ctx, trigger.userId)) open.state = 'closed';
      const record = createView(ctx, { userId: trigger.userId, view: read.view, via: 'views.open', isHome: false });
      record.triggerId = trigger.id;
      return ok({ view: viewObject(record) });
    },
  },

  'views.push': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const exchanged = exchangeTrigger(ctx);
      if ('error' in exchanged) return exchanged.error;
      const read = readView(ctx, ['modal']);
      if ('error' in read) return read.error;
      if (externalIdTaken(ctx, read.view.external_id)) return fail('duplicate_external_id');
      const { trigger } = exchanged;
      const stack = openModalsOf(ctx, trigger.userId);
      const below = (trigger.fromViewId ? ctx.store.views.get(trigger.fromViewId) : undefined) ?? stack.at(-1);
      if (below && stack.filter((view) => view.rootViewId === below.rootViewId).length >= MAX_STACK) {
        return fail('push_limit_reached');
      }
      trigger.exchanged = true;
      const record = createView(ctx, { userId: trigger.userId, view: read.view, via: 'views.push', isHome: false });
      record.triggerId = trigger.id;
      if (below) {
        record.previousViewId = below.id;
        record.rootViewId = below.rootViewId;
      }
      return ok({ view: viewObject(record) });
    },
  },

  'views.update': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const viewId = stringArg(ctx.args, 'view_id');
      const externalId = stringArg(ctx.args, 'external_id');
      if (!viewId && !externalId) return invalidArguments(['[ERROR] either view_id or external_id is required']);
      const record = [...ctx.store.views.values()].find(
        (view) =>
          view.teamId === ctx.workspace.teamId &&
          (viewId ? view.id === viewId : view.externalId !== undefined && view.externalId === externalId),
      );
      if (!record) return fail('not_found');
      const read = readView(ctx, [record.type]);
      if ('error' in read) return read.error;
      const hash = stringArg(ctx.args, 'hash');
      if (hash !== undefined && hash !== '' && hash !== record.hash) return fail('hash_conflict');
      if (externalIdTaken(ctx, read.view.external_id, record.id)) return fail('duplicate_external_id');
      record.view = read.view;
      record.hash = newHash(ctx.now);
      record.via = 'views.update';
      record.updatedAt = ctx.now;
      if (typeof read.view.external_id === 'string' && read.view.external_id !== '') {
        record.externalId = read.view.external_id;
      }
      return ok({ view: viewObject(record) });
    },
  },

  'views.publish': {
    auth: 'bot',
    tier: 'tier4',
    handle(ctx) {
      const userId = stringArg(ctx.args, 'user_id') ?? '';
      if (!ctx.workspace.users.has(userId)) return invalidArguments(['invalid `user_id`']);
      const read = readView(ctx, ['home']);
      if ('error' in read) return read.error;
      const key = `${ctx.workspace.teamId}:${userId}`;
      const existing = ctx.store.views.get(ctx.store.homeViews.get(key) ?? '');
      const hash = stringArg(ctx.args, 'hash');
      if (existing && hash !== undefined && hash !== '' && hash !== existing.hash) return fail('hash_conflict');
      if (existing) {
        existing.view = read.view;
        existing.hash = newHash(ctx.now);
        existing.updatedAt = ctx.now;
        return ok({ view: viewObject(existing) });
      }
      const record = createView(ctx, { userId, view: read.view, via: 'views.update', isHome: true });
      ctx.store.homeViews.set(key, record.id);
      return ok({ view: viewObject(record) });
    },
  },
};
