import type { DriverResponse, Sandbox } from '../types.ts';

export interface CommandAnswer {
  response_type?: string;
  text?: string;
  blocks?: unknown[];
}

/**
 * What the person who ran a slash command saw: the message in the ack, or, when the app acknowledged with
 * nothing and answered later (as Nudge does for a queued kudos), the first post to that command's
 * response_url. Waits for that post up to `timeoutMs`.
 */
export async function commandAnswer(
  sandbox: Pick<Sandbox, 'responseUrlPosts' | 'waitFor'>,
  response: DriverResponse,
  timeoutMs = 15_000,
): Promise<CommandAnswer> {
  const ack = response.json as CommandAnswer | undefined;
  if (ack && typeof ack.text === 'string') return ack;
  const url = response.responseUrl;
  if (!url) throw new Error('the command had no response_url to wait on');
  const post = await sandbox.waitFor(() => sandbox.responseUrlPosts().find((p) => p.url === url), {
    timeoutMs,
    description: 'an answer through the response_url',
  });
  return post.body as CommandAnswer;
}
