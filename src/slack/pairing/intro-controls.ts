import { findProgramme } from '../../domain/pairing/find-programme.ts';
import { pauseMember } from '../../domain/pairing/member-controls.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import { introPauseActionId, introSkipActionId } from './pairing-controls.blocks.ts';
import { skipAnswers, skipWithRescue } from './pairing-skip.ts';

/**
 * The intro's "Skip one round" and "Pause" buttons. They act for whoever clicks, on their own state only, and
 * answer with an ephemeral: the rest of the group sees nothing, as with `/coffee skip` and `/coffee pause`.
 */
export function registerIntroControls(surface: SlackSurface, deps: ListenerDeps): void {
  const control = (actionId: string, act: (key: Key, channelId: string) => Promise<string>) => {
    const handleIntroControl: ActionHandler = async ({ ack, action, body, context, respond }) => {
      await ack();
      const workspaceId = workspaceOf(context);
      const programmeId = actionValue(action) ?? '';
      // Only a programme of this workspace: an id from anywhere else finds nothing and changes nothing.
      const programme = /^[0-9a-f-]{36}$/.test(programmeId)
        ? await findProgramme(deps.db, workspaceId, programmeId)
        : undefined;
      const text = programme
        ? await act({ workspaceId, programmeId, userId: body.user.id, now: deps.clock.now() }, programme.channel_id)
        : 'That programme no longer exists.';
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    surface.action(actionId, handleIntroControl);
  };
  control(introSkipActionId, async (key) => skipAnswers[await skipWithRescue(deps, key)]);
  control(introPauseActionId, async (key, channelId) => {
    await pauseMember(deps.db, { ...key, until: null });
    return `Paused: no pairings from <#${channelId}> until you \`/coffee resume\`.`;
  });
}

type Key = { workspaceId: string; programmeId: string; userId: string; now: Date };
