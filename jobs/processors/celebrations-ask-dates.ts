import { findPeopleToAsk, markAskedForDates } from '../../src/domain/celebrations/ask-dates.ts';
import { findAwayPeople } from '../../src/domain/directory/away-people.ts';
import { askForDatesMessage } from '../../src/slack/celebrations/celebrations.blocks.ts';
import { SlackPermanentError } from '../../src/slack/platform/send-errors.ts';
import type { Processor } from '../processor.ts';

const page = 50;

/**
 * Asks, by DM, everyone who has no dates and was never asked. Once per person ever: the send key is per person
 * and `asked_at` is set after the DM, so a rate-limited (delayed) or retried job carries on where it stopped.
 * People whose Slack status says they are away are passed over and not marked, so the next ask reaches them.
 */
export const processCelebrationsAskDates: Processor<'celebrations.ask-dates'> = async (data, { deps }) => {
  const { workspaceId } = data;
  let asked = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await findPeopleToAsk(deps.db, workspaceId, page, after);
    if (batch.length === 0) break;
    after = batch[batch.length - 1];
    const away = await findAwayPeople(deps.db, { workspaceId, userIds: batch, now: deps.clock.now() });
    for (const userId of batch) {
      if (away.has(userId)) continue;
      try {
        await deps.sender.postMessage({
          workspaceId,
          key: `celebrations.ask.${userId}`,
          to: { users: [userId] },
          ...askForDatesMessage(),
        });
        asked += 1;
      } catch (error) {
        // A person Slack will not let us DM (deactivated since the sync, say) is not asked again either.
        if (!(error instanceof SlackPermanentError)) throw error;
      }
      await markAskedForDates(deps.db, workspaceId, userId, deps.clock.now());
    }
  }
  return { asked };
};
