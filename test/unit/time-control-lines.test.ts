import { describe, expect, test } from 'vitest';
import { checkinLine, roundMatchedLine } from '../../src/embedded/time-control-lines.ts';

describe("the sandbox time controls' reports", () => {
  test('count groups in the right number', () => {
    const matched = (groups: number, awaitingApproval = false) =>
      roundMatchedLine({ where: '#coffee', number: 2, groups, awaitingApproval });
    expect(matched(1)).toBe('#coffee: round 2 matched 1 group; intros are going out by group DM now.');
    expect(matched(3)).toBe('#coffee: round 2 matched 3 groups; intros are going out by group DM now.');
    expect(matched(1, true)).toBe(
      '#coffee: round 2 matched 1 group and awaits approval (DM to the programme’s creator).',
    );
    expect(checkinLine({ where: '#coffee', number: 2, groups: 1 })).toBe(
      '#coffee: “Did you meet?” is going to the 1 group of round 2.',
    );
    expect(checkinLine({ where: '#coffee', number: 2, groups: 4 })).toBe(
      '#coffee: “Did you meet?” is going to the 4 groups of round 2.',
    );
  });
});
