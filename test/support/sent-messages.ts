import type { RecordedCall, Sandbox, StoredMessage } from '../../src/sandbox/index.ts';

/** The idempotency key a chat.postMessage call carried in its message metadata, if any. */
export function sendKeyOf(call: RecordedCall): string | undefined {
  const metadata = call.args.metadata as { event_payload?: { key?: unknown } } | undefined;
  const key = metadata?.event_payload?.key;
  return typeof key === 'string' ? key : undefined;
}

/**
 * Every message Nudge's sender put into the sandbox, grouped by its idempotency key, wherever it landed. This
 * counts what Slack would show, including posts whose HTTP answer was an error or never arrived.
 */
export function messagesByKey(sandbox: Sandbox): Map<string, StoredMessage[]> {
  const channels = new Set(
    sandbox
      .callsTo('chat.postMessage')
      .map((c) => c.args.channel)
      .filter((c): c is string => typeof c === 'string'),
  );
  const byKey = new Map<string, StoredMessage[]>();
  for (const channel of channels) {
    for (const message of sandbox.messages(channel)) {
      const key = message.metadata?.event_type === 'nudge_send' ? message.metadata.event_payload.key : undefined;
      if (typeof key !== 'string') continue;
      byKey.set(key, [...(byKey.get(key) ?? []), message]);
    }
  }
  return byKey;
}

/** The keys every announced gift must have produced: one public post and one DM per recipient. */
export function announcementKeys(gift: { id: string; recipients: string[] }): string[] {
  return [`kudos.post.${gift.id}`, ...gift.recipients.map((r) => `kudos.dm.${gift.id}.${r}`)];
}
