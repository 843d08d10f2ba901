import { fail, type MethodDefinition, ok } from '../method-context.ts';

export const appMethods: Record<string, MethodDefinition> = {
  /**
   * A Socket Mode URL for the app. It takes the app-level token (scope connections:write), never a bot or user
   * token: Slack answers those with `not_allowed_token_type`.
   */
  'apps.connections.open': {
    auth: 'none',
    tier: 'tier1',
    handle({ token, appToken, openSocketUrl }) {
      if (token === undefined) return fail('not_authed');
      if (token === appToken) return ok({ url: openSocketUrl() });
      return fail(token.startsWith('xapp-') ? 'invalid_auth' : 'not_allowed_token_type');
    },
  },
};
