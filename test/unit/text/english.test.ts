import { describe, expect, test } from 'vitest';
import { agree, plural, withArticle } from '../../../src/domain/text/english.ts';

describe('plural', () => {
  test.each([
    [0, 'group', undefined, '0 groups'],
    [1, 'group', undefined, '1 group'],
    [2, 'group', undefined, '2 groups'],
    [1, 'person', 'people', '1 person'],
    [3, 'person', 'people', '3 people'],
    [1, 'kudos', 'kudos', '1 kudos'],
    [2, 'kudos', 'kudos', '2 kudos'],
    [1, 'celebration', undefined, '1 celebration'],
    [2, 'celebration', undefined, '2 celebrations'],
  ])('%i %s', (count, one, many, expected) => {
    expect(plural(count, one, many)).toBe(expected);
  });

  test('agree picks the word for the count', () => {
    expect(`1 row ${agree(1, 'is', 'are')} ready`).toBe('1 row is ready');
    expect(`2 rows ${agree(2, 'is', 'are')} ready`).toBe('2 rows are ready');
    expect(agree(0, 'has', 'have')).toBe('have');
  });
});

describe('withArticle', () => {
  test.each([
    ['exec lottery', 'an exec lottery'],
    ['coffee', 'a coffee'],
    ['cross team', 'a cross team'],
    ['email', 'an email'],
    ['user', 'a user'],
    ['person', 'a person'],
    ['hour', 'an hour'],
    ['umbrella', 'an umbrella'],
    ['update', 'an update'],
    ['unit', 'a unit'],
    ['usual day', 'a usual day'],
    ['SSO login', 'an SSO login'],
    ['CSV file', 'a CSV file'],
  ])('%s', (phrase, expected) => {
    expect(withArticle(phrase)).toBe(expected);
  });
});
