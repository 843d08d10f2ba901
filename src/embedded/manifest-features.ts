import type { SandboxUiCommand } from '../sandbox/index.ts';

/**
 * What manifest.yml declares that the sandbox UI offers as Slack's client would: the slash commands with their
 * usage hints (suggested as you type `/`) and the shortcuts (⚡ and the message menu). Written out here because
 * the running service does not parse YAML; test/unit/manifest-features.test.ts holds it equal to manifest.yml.
 */

export const MANIFEST_COMMANDS: SandboxUiCommand[] = [
  {
    command: '/kudos',
    description: 'Thank someone for what they did',
    usageHint: '@someone for <what they did> #value  |  undo  |  top [week|month|quarter|year|all]',
  },
  {
    command: '/coffee',
    description: 'Coffee pairings and intros',
    usageHint: 'status | pause [until YYYY-MM-DD] | resume | skip | leave | block @someone | teams',
  },
  {
    command: '/celebrate',
    description: 'Celebrate a launch; your birthday and work anniversary',
    usageHint: '[dates | settings | import | secret [rotate] | help]',
  },
  { command: '/nudge', description: 'What Nudge does and every command', usageHint: 'help' },
];

export const MANIFEST_SHORTCUTS: Array<{ type: 'global' | 'message'; callbackId: string; name: string }> = [
  { type: 'global', callbackId: 'give_kudos', name: 'Give kudos' },
  { type: 'message', callbackId: 'give_kudos_message', name: 'Give kudos' },
];
