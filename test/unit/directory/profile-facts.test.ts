import { describe, expect, test } from 'vitest';
import {
  isManagerLabel,
  isSeniorityLabel,
  managerIdOf,
  profileFacts,
} from '../../../src/domain/directory/profile-facts.ts';
import { seniorityLevel } from '../../../src/domain/directory/seniority-level.ts';

describe('seniorityLevel', () => {
  test.each([
    ['3', 3],
    ['L5', 5],
    ['IC4', 4],
    ['Level 6', 6],
    ['grade 2', 2],
    ['E7', 7],
    ['L10', 10],
    ['Intern', 1],
    ['Graduate engineer', 1],
    ['Junior', 2],
    ['Mid-level', 3],
    ['Intermediate', 3],
    ['Senior Engineer', 4],
    ['Staff', 5],
    ['Tech Lead', 5],
    ['Senior Staff Engineer', 6],
    ['Principal', 7],
    ['Senior Principal', 8],
    ['Distinguished Engineer', 8],
    ['Fellow', 9],
    ['Senior (L5)', 5],
  ])('%s is level %i', (text, level) => {
    expect(seniorityLevel(text)).toBe(level);
  });

  test.each([['0'], ['11'], ['2019'], ['Wizard'], [''], ['   '], ['Seniority'], ['unseniored']])(
    '"%s" is no level',
    (text) => {
      expect(seniorityLevel(text)).toBeNull();
    },
  );
});

describe('which profile field holds what', () => {
  test.each(['Level', 'Job level', 'Grade', 'Seniority', 'Career band', 'My level'])('"%s" holds a level', (label) => {
    expect(isSeniorityLabel(label)).toBe(true);
  });
  test.each(['Spanish level', 'Team', 'Level of coffee', 'Manager'])('"%s" does not', (label) => {
    expect(isSeniorityLabel(label)).toBe(false);
  });
  test.each(['Manager', 'Line manager', 'Reports to', 'Reporting to', 'Direct manager', 'Supervisor'])(
    '"%s" holds a manager',
    (label) => {
      expect(isManagerLabel(label)).toBe(true);
    },
  );
  test.each(['Manager’s team', 'Account manager phone', 'Team', 'Level'])('"%s" does not', (label) => {
    expect(isManagerLabel(label)).toBe(false);
  });

  test('a manager is a user id (as a user-type field stores it, or a mention), never a typed name', () => {
    expect(managerIdOf('U0ADA')).toBe('U0ADA');
    expect(managerIdOf('<@W0ADA|ada>')).toBe('W0ADA');
    expect(managerIdOf('Ada Lovelace')).toBeNull();
    expect(managerIdOf(undefined)).toBeNull();
  });

  const definitions = [
    { id: 'Xf0TEAM', label: 'Team', type: 'text' },
    { id: 'Xf0LVL', label: 'Job level', type: 'options_list' },
    { id: 'Xf0LVL2', label: 'Grade', type: 'text' },
    { id: 'Xf0MGR', label: 'Manager', type: 'user' },
    { id: 'Xf0BOSS', label: 'Reports to', type: 'date' },
  ];

  test('one person’s level and manager come from the fields so labelled, the first in Slack’s order', () => {
    expect(
      profileFacts('U0BEN', { Xf0TEAM: 'Core 3', Xf0LVL: 'Senior', Xf0LVL2: '7', Xf0MGR: 'U0ADA' }, definitions),
    ).toEqual({ seniority: 4, managerId: 'U0ADA' });
    // A level field that says nothing readable gives way to the next one that does.
    expect(profileFacts('U0BEN', { Xf0LVL: 'Wizard', Xf0LVL2: '7' }, definitions)).toEqual({
      seniority: 7,
      managerId: null,
    });
    expect(profileFacts('U0BEN', { Xf0LVL: 'Wizard', Xf0TEAM: '5' }, definitions)).toEqual({
      seniority: null,
      managerId: null,
    });
  });

  test('nobody is their own manager, a field of another type is no manager, and no labels means no facts', () => {
    expect(profileFacts('U0ADA', { Xf0MGR: 'U0ADA' }, definitions).managerId).toBeNull();
    expect(profileFacts('U0BEN', { Xf0BOSS: 'U0ADA' }, definitions).managerId).toBeNull();
    expect(profileFacts('U0BEN', { Xf0LVL: 'Senior', Xf0MGR: 'U0ADA' }, [])).toEqual({
      seniority: null,
      managerId: null,
    });
  });
});
