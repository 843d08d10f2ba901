import { describe, expect, test } from 'vitest';
import { type AwayStatus, awayRules, defaultAwayMarkers, isAway } from '../../../src/domain/directory/away.ts';
import { parseAwayMarkers } from '../../../src/domain/directory/update-away-markers.ts';

const now = new Date('2026-12-07T09:00:00Z');
const later = new Date('2026-12-14T09:00:00Z');
const earlier = new Date('2026-12-06T09:00:00Z');
const defaults = awayRules(defaultAwayMarkers);

const status = (text: string, emoji: string, expiration: Date | null): AwayStatus => ({
  status_text: text,
  status_emoji: emoji,
  status_expiration: expiration,
});

describe('isAway', () => {
  test('an away emoji with a later expiry is away', () => {
    for (const emoji of [':palm_tree:', ':airplane:', ':face_with_thermometer:', ':sick:', ':desert_island:']) {
      expect(isAway(status('', emoji, later), now, defaults)).toBe(true);
    }
  });

  test('an away emoji with a skin tone still counts', () => {
    expect(isAway(status('', ':baby::skin-tone-3:', later), now, defaults)).toBe(true);
  });

  test('an away word with a later expiry is away, whatever its case', () => {
    expect(isAway(status('OOO until Monday', ':calendar:', later), now, defaults)).toBe(true);
    expect(isAway(status('On Vacation', '', later), now, defaults)).toBe(true);
    expect(isAway(status('out   of office', '', later), now, defaults)).toBe(true);
    expect(isAway(status('Parental leave', '', later), now, defaults)).toBe(true);
  });

  test('a status that expired is not away, even with every marker', () => {
    expect(isAway(status('OOO vacation', ':palm_tree:', earlier), now, defaults)).toBe(false);
    expect(isAway(status('OOO vacation', ':palm_tree:', now), now, defaults)).toBe(false);
  });

  test('a status that never clears counts only when its words say away', () => {
    expect(isAway(status('Parental leave', ':baby:', null), now, defaults)).toBe(true);
    expect(isAway(status('', ':palm_tree:', null), now, defaults)).toBe(false);
  });

  test('ordinary statuses and words that merely contain a marker are not away', () => {
    expect(isAway(status('In a meeting', ':spiral_calendar_pad:', later), now, defaults)).toBe(false);
    expect(isAway(status('Foooood truck', ':taco:', later), now, defaults)).toBe(false);
    expect(isAway(status('homesick for the office', '', later), now, defaults)).toBe(false);
    expect(isAway(status('', '', null), now, defaults)).toBe(false);
  });

  test("the workspace's own list replaces the default one", () => {
    const own = awayRules(parseAwayMarkers('Sabbatical, :mountain:\nCONFERENCE'));
    expect(isAway(status('On sabbatical', '', later), now, own)).toBe(true);
    expect(isAway(status('', ':mountain:', later), now, own)).toBe(true);
    expect(isAway(status('at a conference', '', later), now, own)).toBe(true);
    expect(isAway(status('OOO', ':palm_tree:', later), now, own)).toBe(false);
  });
});

describe('parseAwayMarkers', () => {
  test('splits on commas and lines, folds case and spaces, drops blanks and repeats', () => {
    expect(parseAwayMarkers(' OOO, ooo\n\n:Palm_Tree:,  out   of office ,')).toEqual([
      'ooo',
      ':palm_tree:',
      'out of office',
    ]);
  });
});
