import type { WebClient } from '@slack/web-api';
import { saveSkillProfile } from '../../domain/learning/save-skill-profile.ts';
import { type SkillListName, skillListNames } from '../../domain/learning/skill-lists.ts';
import { ownSkillProfile } from '../../domain/learning/skill-profile.ts';
import { loadWorkspaceSkills } from '../../domain/learning/workspace-skills.ts';
import { parseOtherSkills } from '../../domain/mentorship/signup-skills.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { inputOptions, inputText, viewValues } from '../platform/view-state.ts';
import {
  openSkillsProfileActionId,
  skillsProfileBlocks,
  skillsProfileCallbackId,
  skillsProfileModal,
  skillsSavedView,
} from './skills-profile.blocks.ts';

/** Opens the person's own skills profile, with the workspace's skill list as each list's menu. */
export async function openSkillsProfile(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string; triggerId: string },
): Promise<void> {
  const [menu, profile] = await Promise.all([
    loadWorkspaceSkills(deps.db, input.workspaceId),
    ownSkillProfile(deps.db, input.workspaceId, input.userId),
  ]);
  await client.views.open({ trigger_id: input.triggerId, view: skillsProfileModal({ menu, profile }) });
}

/** The skills profile form: from `/nudge skills` and the Home tab's Edit button. */
export function registerSkillsProfile(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenSkillsProfile: ActionHandler = async ({ ack, body, client, context }) => {
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (!triggerId) return;
    await openSkillsProfile(deps, client, { workspaceId: workspaceOf(context), userId: body.user.id, triggerId });
  };
  surface.action(openSkillsProfileActionId, handleOpenSkillsProfile);

  const handleSkillsProfileSubmitted: ViewHandler = async ({ ack, view, body, context }) => {
    const workspaceId = workspaceOf(context);
    const values = viewValues(view);
    const typed = Object.fromEntries(
      skillListNames.map((list) => [list, parseOtherSkills(inputText(values, skillsProfileBlocks[list].other))]),
    ) as Record<SkillListName, string[]>;
    const lists = Object.fromEntries(
      skillListNames.map((list) => [list, [...inputOptions(values, skillsProfileBlocks[list].menu), ...typed[list]]]),
    ) as Record<SkillListName, string[]>;
    const result = await saveSkillProfile(deps.db, { workspaceId, userId: body.user.id, lists, now: deps.clock.now() });
    if (!result.ok) {
      // A menu pick cannot be too long, so a problem goes under the typed field unless the form has only the menu.
      const shown = new Set((view.blocks ?? []).map((b) => b.block_id));
      const hasMenu = (list: SkillListName) => shown.has(skillsProfileBlocks[list].menu.block);
      const errors = Object.fromEntries(
        Object.entries(result.errors).map(([list, message]) => {
          const ids = skillsProfileBlocks[list as SkillListName];
          const typedThere = typed[list as SkillListName].length > 0 || !hasMenu(list as SkillListName);
          return [(typedThere ? ids.other : ids.menu).block, message];
        }),
      );
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({ response_action: 'update', view: skillsSavedView(result.lists) });
    await deps.queues.enqueue('home.publish', { workspaceId, userId: body.user.id });
  };
  surface.view(skillsProfileCallbackId, handleSkillsProfileSubmitted);
}
