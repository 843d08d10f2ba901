import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { manifestFeatures } from '../../src/embedded/manifest-features.ts';

const dir = mkdtempSync(join(tmpdir(), 'nudge-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sandbox UI offers what manifest.yml declares', () => {
  test("Nudge's own slash commands with their usage hints, and its shortcuts", () => {
    const { commands, shortcuts } = manifestFeatures();
    expect(commands.map((c) => c.command)).toEqual(['/kudos', '/coffee', '/celebrate', '/mentor', '/nudge']);
    expect(commands.find((c) => c.command === '/kudos')?.usageHint).toContain('@someone for <what they did>');
    expect(shortcuts).toContainEqual({ type: 'global', callbackId: 'give_kudos', name: 'Give kudos' });
  });

  test('a command without a usage hint has none, and a manifest without shortcuts offers none', () => {
    const manifest = join(dir, 'manifest.yml');
    writeFileSync(
      manifest,
      'features:\n  slash_commands:\n    - command: /demo\n      description: Try it\n      should_escape: true\n',
    );
    expect(manifestFeatures(pathToFileURL(manifest))).toEqual({
      commands: [{ command: '/demo', description: 'Try it' }],
      shortcuts: [],
    });
  });
});
