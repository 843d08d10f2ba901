import { createHmac } from 'node:crypto';

/** What the load generator needs to build Slack's requests for one workspace. */
export interface RequestMix {
  teamId: string;
  channelId: string;
  users: string[];
  /** Part of every trigger_id and event_id, so runs and phases never collide. */
  idPrefix: string;
  /** The seconds part of the reacted-to messages' ts: one kudos per giver and message, so phases need their own. */
  messageTsSeconds: number;
  /**
   * Base of each slash command's response_url: request i gets `<base>/i`. Nudge queues a give and answers
   * there, so the load generator listens on it to time the confirmation the person actually waits for.
   */
  responseUrlBase: string;
  /** Shares of each kind; the rest are slash commands. */
  homeShare: number;
  reactionShare: number;
}

export type RequestKind = 'command' | 'home' | 'reaction';

export interface BuiltRequest {
  kind: RequestKind;
  contentType: string;
  body: string;
}

/**
 * The i-th request of a phase: mostly `/kudos @someone for … #teamwork` (a full give: parse, directory check,
 * allowance under the giver's lock, ledger insert, totals, an announcement queued), with `app_home_opened` and
 * `reaction_added` (the kudos emoji) events mixed in. Givers and recipients rotate through every member, so no
 * allowance or per-pair cap refuses the gifts.
 */
export function buildRequest(mix: RequestMix, i: number): BuiltRequest {
  const n = mix.users.length;
  const giver = mix.users[i % n]!;
  // A stride coprime with n walks every other member before repeating a pair.
  const recipient = mix.users[(i * 7 + 1 + Math.floor(i / n)) % n]!;
  const other = recipient === giver ? mix.users[(i + 1) % n]! : recipient;
  const pick = (i * 2654435761) % 1000;
  if (pick < mix.homeShare * 1000) {
    return event(mix, i, { type: 'app_home_opened', user: giver, channel: `D${giver.slice(1)}`, tab: 'home' });
  }
  if (pick < (mix.homeShare + mix.reactionShare) * 1000) {
    return event(mix, i, {
      type: 'reaction_added',
      user: giver,
      reaction: 'clap',
      item_user: other,
      item: { type: 'message', channel: mix.channelId, ts: `${mix.messageTsSeconds}.${String(i).padStart(6, '0')}` },
    });
  }
  const body = new URLSearchParams({
    token: 'bench',
    team_id: mix.teamId,
    team_domain: 'bench',
    channel_id: mix.channelId,
    channel_name: 'bench',
    user_id: giver,
    user_name: giver.toLowerCase(),
    command: '/kudos',
    text: `<@${other}> for helping with benchmark request ${i} #teamwork`,
    api_app_id: 'A0SANDBOX01',
    response_url: `${mix.responseUrlBase}/${i}`,
    trigger_id: `${mix.idPrefix}.${i}`,
  }).toString();
  return { kind: 'command', contentType: 'application/x-www-form-urlencoded', body };
}

function event(mix: RequestMix, i: number, payload: Record<string, unknown>): BuiltRequest {
  const now = Date.now() / 1000;
  const body = JSON.stringify({
    token: 'bench',
    team_id: mix.teamId,
    api_app_id: 'A0SANDBOX01',
    event: { ...payload, event_ts: now.toFixed(6) },
    type: 'event_callback',
    event_id: `Ev${mix.idPrefix.replace(/[^A-Za-z0-9]/g, '')}${i}`,
    event_time: Math.floor(now),
    authorizations: [{ team_id: mix.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  });
  return { kind: payload.type === 'app_home_opened' ? 'home' : 'reaction', contentType: 'application/json', body };
}

/** Slack's v0 signature headers for a body, at this second. */
export function signedHeaders(signingSecret: string, body: string, contentType: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${digest}`,
  };
}
