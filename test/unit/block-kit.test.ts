import { describe, expect, test } from 'vitest';
import {
  actions,
  button,
  context,
  divider,
  header,
  input,
  mrkdwn,
  option,
  plainText,
  section,
  textMessage,
} from '../../src/slack/platform/block-kit.ts';

/**
 * Each atom against the literal JSON the builders wrote before it existed: `toStrictEqual` also fails on a key
 * that is present but undefined, which Slack would receive as a missing key only by luck of JSON.stringify.
 */
describe('Block Kit atoms', () => {
  test('text objects', () => {
    expect(plainText('Save')).toStrictEqual({ type: 'plain_text', text: 'Save' });
    expect(mrkdwn('*Kudos*')).toStrictEqual({ type: 'mrkdwn', text: '*Kudos*' });
  });

  test('an option is plain text and a value', () => {
    expect(option('Every week', 'weekly')).toStrictEqual({
      text: { type: 'plain_text', text: 'Every week' },
      value: 'weekly',
    });
  });

  test('a button writes only the keys it is given', () => {
    expect(button({ text: 'Settings', actionId: 'nudge_open_settings' })).toStrictEqual({
      type: 'button',
      action_id: 'nudge_open_settings',
      text: { type: 'plain_text', text: 'Settings' },
    });
    expect(button({ text: 'Resume', actionId: 'resume', value: 'p1', style: 'primary' })).toStrictEqual({
      type: 'button',
      action_id: 'resume',
      text: { type: 'plain_text', text: 'Resume' },
      value: 'p1',
      style: 'primary',
    });
    expect(button({ text: 'Pause', actionId: 'pause', value: '' })).toHaveProperty('value', '');
    expect(JSON.stringify(button({ text: 'Go', actionId: 'go', value: 'v', style: 'primary' }))).toBe(
      '{"type":"button","action_id":"go","style":"primary","text":{"type":"plain_text","text":"Go"},"value":"v"}',
    );
  });

  test('a section is mrkdwn, with an accessory only when one is given', () => {
    expect(section('Hello')).toStrictEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Hello' } });
    expect(section('Hello', button({ text: 'Go', actionId: 'go' }))).toStrictEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Hello' },
      accessory: { type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } },
    });
  });

  test('context, actions, divider and header', () => {
    expect(context('a', 'b')).toStrictEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'a' },
        { type: 'mrkdwn', text: 'b' },
      ],
    });
    const go = button({ text: 'Go', actionId: 'go' });
    expect(actions([go])).toStrictEqual({ type: 'actions', elements: [go] });
    expect(actions([go], 'block')).toStrictEqual({ type: 'actions', block_id: 'block', elements: [go] });
    expect(divider()).toStrictEqual({ type: 'divider' });
    expect(header('Kudos')).toStrictEqual({ type: 'header', text: { type: 'plain_text', text: 'Kudos' } });
  });

  test('an input writes `optional` only when it is given, false included', () => {
    const element = { type: 'users_select', action_id: 'person' } as const;
    expect(input('who', 'Person', element)).toStrictEqual({
      type: 'input',
      block_id: 'who',
      label: { type: 'plain_text', text: 'Person' },
      element,
    });
    expect(input('who', 'Person', element, false)).toStrictEqual({
      type: 'input',
      block_id: 'who',
      label: { type: 'plain_text', text: 'Person' },
      optional: false,
      element,
    });
  });

  test('a text message: one section, and a context line and a longer fallback with a note', () => {
    expect(textMessage('Done.')).toStrictEqual({
      text: 'Done.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Done.' } }],
    });
    expect(textMessage('Done.', 'Undo within 5 minutes.')).toStrictEqual({
      text: 'Done.\nUndo within 5 minutes.',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'Done.' } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'Undo within 5 minutes.' }] },
      ],
    });
  });
});
