import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { MANIFEST_COMMANDS, MANIFEST_SHORTCUTS } from '../../src/embedded/manifest-features.ts';

interface Manifest {
  features: {
    slash_commands?: Array<{ command: string; description: string; usage_hint?: string }>;
    shortcuts?: Array<{ type: 'global' | 'message'; callback_id: string; name: string }>;
  };
}

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;

describe('the sandbox UI offers what manifest.yml declares', () => {
  test('the same slash commands, descriptions and usage hints', () => {
    expect(MANIFEST_COMMANDS).toEqual(
      (manifest.features.slash_commands ?? []).map((command) => ({
        command: command.command,
        description: command.description,
        ...(command.usage_hint !== undefined ? { usageHint: command.usage_hint } : {}),
      })),
    );
  });

  test('the same shortcuts', () => {
    expect(MANIFEST_SHORTCUTS).toEqual(
      (manifest.features.shortcuts ?? []).map((shortcut) => ({
        type: shortcut.type,
        callbackId: shortcut.callback_id,
        name: shortcut.name,
      })),
    );
  });
});
