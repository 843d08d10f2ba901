import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A Chromium binary for playwright-core: `CHROMIUM_PATH`, else the one on PATH, else Debian's usual places. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    });
    const path = found.trim().split('\n')[0];
    if (path && existsSync(path)) return path;
  } catch {
    // Not on PATH.
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
}
