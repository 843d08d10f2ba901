import type { StoredMessage } from '../../types.ts';
import { type AuthedContext, fail, type MethodDefinition, type MethodResult, ok } from '../method-context.ts';
import { stringArg } from '../parse-request.ts';
import { visibleChannel } from './conversations.ts';

const EMOJI_NAME = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;

function reactionTarget(ctx: AuthedContext): { message: StoredMessage; name: string } | { error: MethodResult } {
  const name = (stringArg(ctx.args, 'name') ?? '').replace(/^:|:$/g, '');
  const timestamp = stringArg(ctx.args, 'timestamp');
  if (stringArg(ctx.args, 'channel') === undefined || timestamp === undefined) {
    return { error: fail('no_item_specified') };
  }
  const found = visibleChannel(ctx, stringArg(ctx.args, 'channel'));
  if ('error' in found) return found;
  if (!/^\d+(\.\d+)?$/.test(timestamp)) return { error: fail('bad_timestamp') };
  const message = ctx.store.findMessage(found.channel, timestamp);
  if (!message) return { error: fail('message_not_found') };
  if (!EMOJI_NAME.test(name)) return { error: fail('invalid_name') };
  return { message, name };
}

export const reactionMethods: Record<string, MethodDefinition> = {
  'reactions.add': {
    auth: 'bot',
    tier: 'tier3',
    handle(ctx) {
      const target = reactionTarget(ctx);
      if ('error' in target) return target.error;
      const bot = ctx.workspace.botUserId;
      const reaction = target.message.reactions.find((candidate) => candidate.name === target.name);
      if (reaction?.users.includes(bot)) return fail('already_reacted');
      if (reaction) {
        reaction.users.push(bot);
        reaction.count += 1;
      } else {
        target.message.reactions.push({ name: target.name, users: [bot], count: 1 });
      }
      return ok();
    },
  },

  'reactions.remove': {
    auth: 'bot',
    tier: 'tier2',
    handle(ctx) {
      const target = reactionTarget(ctx);
      if ('error' in target) return target.error;
      const bot = ctx.workspace.botUserId;
      const reaction = target.message.reactions.find((candidate) => candidate.name === target.name);
      if (!reaction?.users.includes(bot)) return fail('no_reaction');
      reaction.users = reaction.users.filter((user) => user !== bot);
      reaction.count -= 1;
      if (reaction.count === 0) {
        target.message.reactions = target.message.reactions.filter((candidate) => candidate !== reaction);
      }
      return ok();
    },
  },
};
