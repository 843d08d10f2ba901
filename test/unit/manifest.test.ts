import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '@slack/bolt';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { ListenerDeps } from '../../src/slack/platform/listener-deps.ts';
import { botScopes, botScopeUses, type ScopeUse } from '../../src/slack/platform/oauth-scopes.ts';
import { SlackSurface } from '../../src/slack/platform/surface.ts';
import { registerListeners } from '../../src/slack/register.ts';

interface Manifest {
  features: {
    slash_commands?: Array<{ command: string; should_escape?: boolean; url?: string }>;
    shortcuts?: Array<{ callback_id: string }>;
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean; messages_tab_read_only_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
}

const manifest = parse(readFileSync('manifest.yml', 'utf8')) as Manifest;

function registeredListeners() {
  const app = new App({ signingSecret: 'manifest-test', authorize: async () => ({}) });
  const surface = new SlackSurface(app);
  // Registration only: no listener runs here, so the dependencies are never touched.
  registerListeners(surface, {} as ListenerDeps);
  return surface.registered;
}

/** The bot's own source (the sandbox is Slack's stand-in, not the bot), to find the Web API methods it calls. */
function botSource(): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path !== join('src', 'sandbox')) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('oauth-scopes.ts')) {
        files.push(path);
      }
    }
  };
  walk('src');
  walk('jobs');
  return files.map((file) => readFileSync(file, 'utf8')).join('\n');
}

/** Called as `apiCall('users.list', …)` / `sender.call(…, 'users.list', …)` or as `client.users.list(…)`. */
function callsMethod(source: string, method: string): boolean {
  const escaped = method.replaceAll('.', '\\.');
  return new RegExp(`'${escaped}'|\\.${escaped}\\(`).test(source);
}

describe('manifest.yml', () => {
  test("is valid against Slack's published manifest schema", () => {
    const schema = JSON.parse(readFileSync('test/fixtures/slack/manifest.schema.1.0.0.json', 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('declares exactly the slash commands the app registers, each with escaping on', () => {
    const declared = (manifest.features.slash_commands ?? []).map((c) => c.command).sort();
    const registered = registeredListeners()
      .filter((l) => l.kind === 'command')
      .map((l) => l.name)
      .sort();
    expect(declared).toEqual(registered);
    for (const command of manifest.features.slash_commands ?? []) expect(command.should_escape).toBe(true);
  });

  test('subscribes to exactly the events the app listens to', () => {
    const declared = [...manifest.settings.event_subscriptions.bot_events].sort();
    const registered = [
      ...new Set(
        registeredListeners()
          .filter((l) => l.kind === 'event')
          .map((l) => l.name),
      ),
    ].sort();
    expect(declared).toEqual(registered);
  });

  test('declares exactly the shortcuts the app registers', () => {
    const declared = (manifest.features.shortcuts ?? []).map((s) => s.callback_id).sort();
    const registered = registeredListeners()
      .filter((l) => l.kind === 'shortcut')
      .map((l) => l.name)
      .sort();
    expect(declared).toEqual(registered);
  });

  test('asks for exactly the bot scopes the OAuth installer requests', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...botScopes].sort());
  });

  test('asks for no scope that nothing Nudge calls or listens to needs', () => {
    const source = botSource();
    const events = new Set(
      registeredListeners()
        .filter((l) => l.kind === 'event')
        .map((l) => l.name),
    );
    const hasCommands =
      (manifest.features.slash_commands ?? []).length + (manifest.features.shortcuts ?? []).length > 0;
    const unneeded = manifest.oauth_config.scopes.bot.flatMap((scope) => {
      const use = (botScopeUses as Record<string, ScopeUse>)[scope];
      if (!use) return [`${scope}: no use recorded in oauth-scopes.ts`];
      const problems = [
        ...(use.methods ?? []).filter((m) => !callsMethod(source, m)).map((m) => `${scope}: ${m} is never called`),
        ...(use.events ?? []).filter((e) => !events.has(e)).map((e) => `${scope}: ${e} is not listened to`),
        ...(use.commands && !hasCommands ? [`${scope}: no command or shortcut`] : []),
      ];
      const used =
        (use.methods ?? []).some((m) => callsMethod(source, m)) ||
        (use.events ?? []).some((e) => events.has(e)) ||
        (use.commands === true && hasCommands);
      return used ? problems : [...problems, `${scope}: nothing needs it`];
    });
    expect(unneeded).toEqual([]);
  });

  test('enables interactivity and the Home tab the app uses', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home?.home_tab_enabled).toBe(true);
  });

  test('lets people type slash commands in their DM with Nudge, where its welcome tells them to use /coffee', () => {
    // A read-only Messages tab has no composer, so no slash command either.
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home?.messages_tab_read_only_enabled).toBe(false);
  });
});
