import { findProgramme } from '../../domain/pairing/find-programme.ts';
import { pauseMember, resumeMember, unskipNextRound } from '../../domain/pairing/member-controls.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import { type HomeControl, homeControlActionIds } from './pairing-home.blocks.ts';
import { leaveWithRescue, skipWithRescue } from './pairing-skip.ts';

type Key = { workspaceId: string; programmeId: string; userId: string; now: Date };

/** The same domain functions as `/coffee pause|resume|skip|leave`, each acting on the clicker's own state only. */
const controls: Record<HomeControl, (deps: ListenerDeps, key: Key) => Promise<unknown>> = {
  pause: (deps, key) => pauseMember(deps.db, { ...key, until: null }),
  resume: (deps, key) => resumeMember(deps.db, key),
  rejoin: (deps, key) => resumeMember(deps.db, key),
  skip: (deps, key) => skipWithRescue(deps, key),
  unskip: (deps, key) => unskipNextRound(deps.db, key),
  leave: (deps, key) => leaveWithRescue(deps, key),
};

/**
 * The Home tab's pause/resume, skip/undo and leave/rejoin buttons. Confidential like the command: nothing is
 * posted anywhere; the Home tab is published again to show the new state.
 */
export function registerPairingHome(surface: SlackSurface, deps: ListenerDeps): void {
  for (const [control, actionId] of Object.entries(homeControlActionIds) as Array<[HomeControl, string]>) {
    const handleHomeControl: ActionHandler = async ({ ack, action, body, context }) => {
      await ack();
      const workspaceId = workspaceOf(context);
      const programmeId = actionValue(action) ?? '';
      // Only a programme of this workspace: an id from anywhere else finds nothing and changes nothing.
      const programme = /^[0-9a-f-]{36}$/.test(programmeId)
        ? await findProgramme(deps.db, workspaceId, programmeId)
        : undefined;
      if (!programme) return;
      await controls[control](deps, { workspaceId, programmeId, userId: body.user.id, now: deps.clock.now() });
      await deps.queues.enqueue('home.publish', { workspaceId, userId: body.user.id });
    };
    surface.action(actionId, handleHomeControl);
  }
}
