import { profileObject, slackbotObject, userObject } from '../../slack-objects.ts';
import { fail, type MethodDefinition, ok, paginate } from '../method-context.ts';
import { boolArg, intArg, stringArg } from '../parse-request.ts';

export const userMethods: Record<string, MethodDefinition> = {
  /** Without `limit` Slack tries to return everyone in one page; a page holds at most 1000 users. */
  'users.list': {
    auth: 'bot',
    tier: 'tier2',
    handle({ workspace, args, now }) {
      const members = [
        ...(workspace.includeSlackbot ? [slackbotObject(workspace, now)] : []),
        ...[...workspace.users.values()].map((user) => userObject(workspace, user, now)),
      ];
      if (boolArg(args, 'include_locale')) for (const member of members) member.locale = 'en-US';
      const paged = paginate(
        members,
        'users',
        { cursor: stringArg(args, 'cursor'), limit: intArg(args, 'limit') },
        { limit: members.length, max: 1000 },
      );
      if ('error' in paged) return fail(paged.error);
      return ok({
        members: paged.page,
        cache_ts: Math.floor(now / 1000),
        response_metadata: { next_cursor: paged.nextCursor },
      });
    },
  },

  'users.info': {
    auth: 'bot',
    tier: 'tier4',
    handle({ workspace, args, now }) {
      const user = workspace.users.get(stringArg(args, 'user') ?? '');
      if (!user) return fail('user_not_found');
      const object = userObject(workspace, user, now);
      if (boolArg(args, 'include_locale')) object.locale = 'en-US';
      return ok({ user: object });
    },
  },

  'users.lookupByEmail': {
    auth: 'bot',
    tier: 'tier3',
    handle({ workspace, args, now }) {
      const email = (stringArg(args, 'email') ?? '').trim().toLowerCase();
      if (email === '') return fail('invalid_arguments', { response_metadata: { messages: ['missing `email`'] } });
      const user = [...workspace.users.values()].find((candidate) => candidate.email?.toLowerCase() === email);
      if (!user) return fail('users_not_found');
      return ok({ user: userObject(workspace, user, now) });
    },
  },

  /** The only user read that returns custom profile `fields` (with `label` under include_labels). */
  'users.profile.get': {
    auth: 'bot',
    tier: 'tier4',
    handle({ workspace, args }) {
      const userId = stringArg(args, 'user') ?? workspace.botUserId;
      const user = workspace.users.get(userId);
      if (!user) return fail('user_not_found');
      const fields = boolArg(args, 'include_labels') ? 'labelled' : 'values';
      return ok({ profile: profileObject(workspace, user, { fields }) });
    },
  },
};
