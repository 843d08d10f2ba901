import { createServer } from 'node:net';

/*
 * Ports for the servers a test starts. Listening on port 0 and reading the port back is best, but many servers need
 * their port before they start (an OAuth redirect URL, a child process's PORT, PostgreSQL's configuration). A port
 * that the OS picked from its ephemeral range, released and bound later can be taken in between by another test
 * worker's server or by any outgoing connection's source port. So each vitest worker draws from a block of its own
 * below Linux's ephemeral range (32768–60999 by default), which outgoing connections never use, and never hands out
 * the same port twice.
 */
const firstPort = 20_000;
const blockSize = 1_000;
const blockCount = 12;

// VITEST_POOL_ID is 1..maxWorkers in test workers; the main process (global setup) and benchmarks take block 0.
const block = Number(process.env.VITEST_POOL_ID ?? 0) % blockCount;
const blockStart = firstPort + block * blockSize;
let drawn = Math.floor(Math.random() * blockSize);

/** A port in this worker's own block that nothing listens on now and that no earlier call returned. */
export async function reservePort(): Promise<number> {
  for (let tries = 0; tries < blockSize; tries += 1) {
    const port = blockStart + (drawn % blockSize);
    drawn += 1;
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port left in ${blockStart}–${blockStart + blockSize - 1}`);
}

async function canListen(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
