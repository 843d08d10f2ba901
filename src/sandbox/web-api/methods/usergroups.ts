import { usergroupObject } from '../../slack-objects.ts';
import { fail, type MethodDefinition, ok } from '../method-context.ts';
import { boolArg, stringArg } from '../parse-request.ts';

export const usergroupMethods: Record<string, MethodDefinition> = {
  'usergroups.list': {
    auth: 'bot',
    tier: 'tier2',
    handle({ workspace, args }) {
      const includeDisabled = boolArg(args, 'include_disabled');
      const options = { includeUsers: boolArg(args, 'include_users'), includeCount: boolArg(args, 'include_count') };
      const usergroups = [...workspace.usergroups.values()]
        .filter((group) => includeDisabled || !group.disabled)
        .map((group) => usergroupObject(workspace, group, options));
      return ok({ usergroups });
    },
  },

  'usergroups.users.list': {
    auth: 'bot',
    tier: 'tier2',
    handle({ workspace, args }) {
      const group = workspace.usergroups.get(stringArg(args, 'usergroup') ?? '');
      if (!group) return fail('no_such_subteam');
      // Slack takes deactivated accounts out of their user groups.
      const users = group.users.filter((id) => !workspace.users.get(id)?.deleted);
      return ok({ users });
    },
  },
};
