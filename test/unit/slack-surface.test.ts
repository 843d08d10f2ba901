import { App } from '@slack/bolt';
import { describe, expect, test } from 'vitest';
import type { ListenerDeps } from '../../src/slack/platform/listener-deps.ts';
import { type CommandHandler, SlackSurface } from '../../src/slack/platform/surface.ts';
import { registerListeners } from '../../src/slack/register.ts';

const newSurface = () => new SlackSurface(new App({ signingSecret: 'surface-test', authorize: async () => ({}) }));

describe('SlackSurface', () => {
  test('records what each registration answers, with its handler, in the same call that hands it to Bolt', () => {
    const surface = newSurface();
    const handleCoffeeCommand: CommandHandler = async ({ ack }) => {
      await ack();
    };
    surface.command('/coffee', handleCoffeeCommand);
    surface.event('app_home_opened', async function handleHomeOpened() {});
    surface.action(
      { pattern: /^celebration_kudos(?:_\d+)?$/, example: 'celebration_kudos_2' },
      async function handleKudos() {},
    );
    expect(surface.registered).toEqual([
      { kind: 'command', name: '/coffee', handler: 'handleCoffeeCommand' },
      { kind: 'event', name: 'app_home_opened', handler: 'handleHomeOpened' },
      { kind: 'action', name: 'celebration_kudos_2', handler: 'handleKudos' },
    ]);
  });

  test('refuses an anonymous handler, so stack traces always name the listener', () => {
    expect(() => newSurface().view('settings', async () => {})).toThrow(/named handler/);
  });

  test('refuses an action id pattern whose example it does not match', () => {
    expect(() => newSurface().action({ pattern: /^a_\d+$/, example: 'b_1' }, async function handleA() {})).toThrow(
      /does not match/,
    );
  });

  test("every Nudge listener's handler is named for what it handles", () => {
    const surface = newSurface();
    // Registration only: no listener runs here, so the dependencies are never touched.
    registerListeners(surface, {} as ListenerDeps);
    expect(surface.registered.filter((l) => !/^handle[A-Z]/.test(l.handler))).toEqual([]);
  });
});
