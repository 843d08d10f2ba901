import type { MethodDefinition } from './method-context.ts';
import { appMethods } from './methods/apps.ts';
import { authTeamMethods } from './methods/auth-team.ts';
import { chatMethods } from './methods/chat.ts';
import { conversationMethods } from './methods/conversations.ts';
import { fileMethods } from './methods/files.ts';
import { oauthMethods } from './methods/oauth.ts';
import { openIdMethods } from './methods/openid.ts';
import { reactionMethods } from './methods/reactions.ts';
import { usergroupMethods } from './methods/usergroups.ts';
import { userMethods } from './methods/users.ts';
import { viewMethods } from './methods/views.ts';

/** Every Web API method the sandbox serves, with its rate tier; anything else is `unknown_method`. */
export const METHODS: Readonly<Record<string, MethodDefinition>> = {
  ...authTeamMethods,
  ...userMethods,
  ...conversationMethods,
  ...chatMethods,
  ...viewMethods,
  ...reactionMethods,
  ...fileMethods,
  ...usergroupMethods,
  ...oauthMethods,
  ...openIdMethods,
  ...appMethods,
};
