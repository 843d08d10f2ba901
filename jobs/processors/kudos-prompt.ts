import { loadKudosSettings } from '../../src/domain/kudos/settings.ts';
import { zonedParts } from '../../src/domain/time/zoned-time.ts';
import { findWorkspace } from '../../src/domain/workspaces/find-workspace.ts';
import { weeklyPromptMessage } from '../../src/slack/kudos/kudos.blocks.ts';
import { openKudosModalActionId } from '../../src/slack/kudos/kudos-modal.blocks.ts';
import type { Processor } from '../processor.ts';

/** The weekly "Who helped you this week?" post; keyed by channel and local date, so it appears once per week. */
export const processKudosPrompt: Processor<'kudos.prompt'> = async (data, { deps }) => {
  const [settings, workspace] = await Promise.all([
    loadKudosSettings(deps.db, data.workspaceId),
    findWorkspace(deps.db, data.workspaceId),
  ]);
  const local = zonedParts(deps.clock.now(), workspace?.time_zone ?? 'UTC');
  const date = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  const message = weeklyPromptMessage({ openModalActionId: openKudosModalActionId });
  let posted = 0;
  for (const channel of settings.promptChannelIds) {
    await deps.sender.postMessage({
      workspaceId: data.workspaceId,
      key: `kudos.prompt.${channel}.${date}`,
      to: { channel },
      ...message,
    });
    posted += 1;
  }
  return { posted };
};
