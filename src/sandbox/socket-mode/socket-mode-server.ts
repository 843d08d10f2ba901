import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { randomHex } from '../ids.ts';

/** What the app answered to one envelope: its ack (with the payload it carried), or nothing in time. */
export type SocketDelivery = { acked: true; payload: Record<string, unknown> | undefined } | { acked: false };

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketModeTimings {
  /** How long Slack waits for an ack before it counts an envelope as undelivered. Slack's is 3 s. */
  ackTimeoutMs: number;
  /** Waits before each retry of an unacknowledged event; Slack retries three times, up to minutes apart. */
  eventRetryDelaysMs: number[];
}

export const slackSocketModeTimings: SocketModeTimings = {
  ackTimeoutMs: 3_000,
  eventRetryDelaysMs: [0, 60_000, 300_000],
};

const socketPath = '/link/';
/** A URL from apps.connections.open is good for one connection, soon. */
const ticketLifetimeMs = 30_000;

/**
 * Slack's Socket Mode on the sandbox's own port: apps.connections.open hands out one-use `ws://…/link/?ticket=`
 * URLs; a connection gets `hello`, then envelopes that it must acknowledge with their `envelope_id` within 3 s.
 * Envelopes go to the newest open connection, as Slack spreads them over an app's connections.
 */
export class SocketModeServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Map<string, number>();
  private readonly connections: WebSocket[] = [];
  private readonly waiting = new Map<string, (payload: Record<string, unknown> | undefined) => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly connectionWaiters = new Set<() => void>();

  private readonly options: { appId: string; timings: SocketModeTimings; baseUrl: () => string };

  constructor(options: { appId: string; timings: SocketModeTimings; baseUrl: () => string }) {
    this.options = options;
  }

  /** A fresh one-use URL, as apps.connections.open returns it. */
  openUrl(): string {
    const ticket = randomHex(16);
    this.tickets.set(ticket, Date.now() + ticketLifetimeMs);
    return `${this.options.baseUrl().replace(/^http/, 'ws')}${socketPath}?ticket=${ticket}`;
  }

  /** The `upgrade` handler for the sandbox's HTTP server; refuses anything but a live ticket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const ticket = url.searchParams.get('ticket') ?? '';
    const expiresAt = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (url.pathname !== socketPath || expiresAt === undefined || expiresAt < Date.now()) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  get openConnections(): number {
    return this.connections.length;
  }

  /**
   * Sends one envelope and waits for its ack. An unacknowledged event is sent again with `retry_attempt` and
   * `retry_reason: 'timeout'`, as Slack does; commands and interactions are not (the person sees an error).
   */
  async deliver(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    options: { retryAttempt?: number; retryReason?: string } = {},
  ): Promise<SocketDelivery & { attempts: number }> {
    const retries = type === 'events_api' ? this.options.timings.eventRetryDelaysMs : [];
    let attempt = options.retryAttempt ?? 0;
    let reason = options.retryReason ?? '';
    for (let tries = 0; ; tries += 1) {
      const delivery = await this.sendOnce(type, payload, attempt, reason);
      if (delivery.acked || tries >= retries.length) return { ...delivery, attempts: tries + 1 };
      await this.sleep(retries[tries] ?? 0);
      attempt += 1;
      reason = 'timeout';
    }
  }

  /**
   * Asks every open connection to reconnect, as Slack does before it recycles the host serving them. The
   * connection stays open until the app closes it, so a test sees the app act on the message itself.
   */
  requestRefresh(): void {
    for (const ws of [...this.connections]) {
      ws.send(
        JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'applink-sandbox' } }),
      );
    }
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const ws of this.connections) ws.terminate();
    this.connections.length = 0;
    this.wss.close();
  }

  private accept(ws: WebSocket): void {
    this.connections.push(ws);
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', () => {
      const index = this.connections.indexOf(ws);
      if (index >= 0) this.connections.splice(index, 1);
    });
    ws.on('error', () => ws.terminate());
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections.length,
        debug_info: { host: 'applink-sandbox', build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.options.appId },
      }),
    );
    for (const wake of this.connectionWaiters) wake();
  }

  private onMessage(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof message.envelope_id !== 'string') return;
    const resolve = this.waiting.get(message.envelope_id);
    if (!resolve) return;
    const payload =
      message.payload && typeof message.payload === 'object' ? (message.payload as Record<string, unknown>) : undefined;
    resolve(payload);
  }

  private async sendOnce(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    retryAttempt: number,
    retryReason: string,
  ): Promise<SocketDelivery> {
    const deadline = Date.now() + this.options.timings.ackTimeoutMs;
    // Between a `disconnect` and the app's new connection there may be none: Slack holds the envelope meanwhile.
    const ws = await this.newestConnection(deadline);
    if (!ws) return { acked: false };
    const envelopeId = `${randomHex(4)}-${randomHex(2)}-${randomHex(2)}-${randomHex(2)}-${randomHex(6)}`;
    const envelope = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: acceptsResponsePayload(type, payload),
      ...(type === 'events_api' ? { retry_attempt: retryAttempt, retry_reason: retryReason } : {}),
    };
    return await new Promise<SocketDelivery>((resolve) => {
      const timer = this.later(Math.max(0, deadline - Date.now()), () => {
        this.waiting.delete(envelopeId);
        resolve({ acked: false });
      });
      this.waiting.set(envelopeId, (ackPayload) => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.waiting.delete(envelopeId);
        resolve({ acked: true, payload: ackPayload });
      });
      ws.send(JSON.stringify(envelope));
    });
  }

  private async newestConnection(deadline: number): Promise<WebSocket | undefined> {
    for (;;) {
      const open = this.connections.filter((ws) => ws.readyState === ws.OPEN);
      if (open.length > 0) return open[open.length - 1];
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.connectionWaiters.delete(wake);
          resolve();
        };
        this.connectionWaiters.add(wake);
        this.later(Math.min(left, 100), wake);
      });
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.later(ms, resolve));
  }

  private later(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return timer;
  }
}

/** Slack takes a response in the ack for commands, view submissions and option requests; never for events. */
function acceptsResponsePayload(type: EnvelopeType, payload: Record<string, unknown>): boolean {
  if (type === 'slash_commands') return true;
  if (type === 'interactive') return payload.type === 'view_submission' || payload.type === 'block_suggestion';
  return false;
}
