import { findPeopleToAsk, markAskedForDates } from '../../src/domain/celebrations/ask-dates.ts';
import { askForDatesMessage } from '../../src/slack/celebrations/celebrations.blocks.ts';
import { SlackPermanentError } from '../../src/slack/platform/send-errors.ts';
import type { Processor } from '../processor.ts';

const page = 50;

/**
 * Asks, by DM, everyone who has no dates and was never asked. Once per person ever: the send key is per person
 * and `asked_at` is set after the DM, so a rate-limited (delayed) or retried job carries on where it stopped.
 */
export const processCelebrationsAskDates: Processor<'celebrations.ask-dates'> = async (data, { deps }) => {
  const { workspaceId } = data;
  let asked = 0;
  for (;;) {
    const batch = await findPeopleToAsk(deps.db, workspaceId, page);
    if (batch.length === 0) break;
    for (const userId of batch) {
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
