import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { workspaceKey } from '../workspace-key.ts';

/** Puts the workspace key on the context; a request that names no workspace goes no further. */
export function workspaceMiddleware(): Middleware<AnyMiddlewareArgs> {
  return async ({ context, next, logger }) => {
    const id = workspaceKey(context);
    if (!id) {
      logger.warn('request without a team or enterprise id ignored');
      return;
    }
    context.workspaceId = id;
    await next();
  };
}
