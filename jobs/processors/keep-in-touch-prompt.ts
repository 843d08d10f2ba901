import { promptToSend, recordPromptSent } from '../../src/domain/keep-in-touch/follow-up-prompts.ts';
import { followUpPromptKey, followUpPromptMessage } from '../../src/slack/keep-in-touch/keep-in-touch.blocks.ts';
import type { Processor } from '../processor.ts';

/** "Keep in touch with Ana?": one private DM per person and partner, ever, recorded as it lands. */
export const processKeepInTouchPrompt: Processor<'keep-in-touch.prompt'> = async (data, { deps }) => {
  const due = await promptToSend(deps.db, {
    workspaceId: data.workspaceId,
    promptId: data.promptId,
    now: deps.clock.now(),
  });
  if ('skipped' in due) return { skipped: due.skipped };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: followUpPromptKey(due.promptId),
    to: { users: [due.userId] },
    ...followUpPromptMessage(due),
  });
  await recordPromptSent(deps.db, { workspaceId: data.workspaceId, promptId: due.promptId, now: deps.clock.now() });
  return { prompted: due.promptId, alreadySent: sent.alreadySent };
};
