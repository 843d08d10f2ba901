import { expect } from 'vitest';
import type { OpenView } from '../../src/sandbox/index.ts';
import type { Harness } from './harness.ts';

/** What Nudge acknowledges a view submission with: nothing (close), inline errors, or a view to update to. */
export type ViewSubmissionAnswer =
  | { response_action?: string; errors?: Record<string, string>; view?: unknown }
  | undefined;

/**
 * Submits a modal Nudge opened, as Slack would: its id, callback_id and private_metadata, with `values` as the
 * state of its inputs (block id → action id → value).
 */
export async function submitOpenedView(
  h: Harness,
  input: { teamId: string; userId: string; view: OpenView; values: Record<string, unknown> },
): Promise<ViewSubmissionAnswer> {
  const response = await h.driver.interaction({
    teamId: input.teamId,
    userId: input.userId,
    payload: {
      type: 'view_submission',
      view: {
        id: input.view.id,
        callback_id: input.view.view.callback_id,
        private_metadata: input.view.view.private_metadata,
        state: { values: input.values },
      },
    },
  });
  expect(response.status).toBe(200);
  return response.json as ViewSubmissionAnswer;
}
