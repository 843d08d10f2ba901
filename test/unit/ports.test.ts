import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { reservePort } from '../support/ports.ts';

async function listenOn(port: number): Promise<() => Promise<void>> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return async () => await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe('ports for the servers tests start', () => {
  test("come from this worker's own block, below the range the OS gives outgoing connections", async () => {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const block = Number(process.env.VITEST_POOL_ID ?? 0) % 12;
    for (let i = 0; i < 20; i += 1) {
      const port = await reservePort();
      expect(port).toBeLessThan(Number(ephemeralLow));
      expect(port).toBeGreaterThanOrEqual(20_000 + block * 1_000);
      expect(port).toBeLessThan(20_000 + (block + 1) * 1_000);
    }
  });

  test('are never handed out twice, even before anything listens on them, and can be listened on', async () => {
    const ports = await Promise.all(Array.from({ length: 50 }, () => reservePort()));
    expect(new Set(ports).size).toBe(ports.length);
    const closers = await Promise.all(ports.map((port) => listenOn(port)));
    await Promise.all(closers.map((close) => close()));
  });
});
