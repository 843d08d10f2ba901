import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { SandboxUiCommand } from '../sandbox/index.ts';

export interface ManifestShortcut {
  type: 'global' | 'message';
  callbackId: string;
  name: string;
}

interface ManifestFeatures {
  slash_commands?: Array<{ command: string; description: string; usage_hint?: string }>;
  shortcuts?: Array<{ type: 'global' | 'message'; callback_id: string; name: string }>;
}

/**
 * What manifest.yml declares that the sandbox UI offers as Slack's client would: the slash commands with their
 * usage hints (suggested as you type `/`) and the shortcuts (⚡ and the message menu). Read from the manifest
 * itself, so the sandbox offers exactly what a real install would.
 */
export function manifestFeatures(path = new URL('../../manifest.yml', import.meta.url)): {
  commands: SandboxUiCommand[];
  shortcuts: ManifestShortcut[];
} {
  const { features } = parse(readFileSync(path, 'utf8')) as { features: ManifestFeatures };
  return {
    commands: (features.slash_commands ?? []).map((c) => ({
      command: c.command,
      description: c.description,
      ...(c.usage_hint !== undefined ? { usageHint: c.usage_hint } : {}),
    })),
    shortcuts: (features.shortcuts ?? []).map((s) => ({ type: s.type, callbackId: s.callback_id, name: s.name })),
  };
}
