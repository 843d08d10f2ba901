import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseCoffeeCommand } from '../../../src/domain/pairing/parse-coffee-command.ts';
import {
  cleanTeamName,
  type PersonForTeams,
  type TeamFacts,
  type TeamSourceSettings,
  teamResolver,
  type UsergroupFact,
  usergroupTeams,
} from '../../../src/domain/pairing/team-sources.ts';
import { parseSourceChoice } from '../../../src/domain/pairing/update-programme.ts';

const group = (id: string, handle: string, members: string[], name = handle): UsergroupFact => ({
  id,
  handle,
  name,
  members,
});

describe('usergroupTeams', () => {
  const groups = [
    group('S1', 'engineering', ['ana', 'bo', 'cy', 'di'], 'Engineering'),
    group('S2', 'payments', ['bo', 'cy'], 'Payments'),
    group('S3', 'apis', ['cy', 'di'], 'APIs'),
    group('S4', 'everyone', ['ana', 'bo', 'cy', 'di', 'ed'], 'Everyone'),
  ];

  test('someone in several counted groups gets the smallest; equal sizes go to the handle first alphabetically', () => {
    expect(Object.fromEntries(usergroupTeams(groups, []))).toEqual({
      ana: 'Engineering',
      bo: 'Payments',
      cy: 'APIs',
      di: 'APIs',
      ed: 'Everyone',
    });
  });

  test('only the chosen groups count', () => {
    expect(Object.fromEntries(usergroupTeams(groups, ['S1', 'S2']))).toEqual({
      ana: 'Engineering',
      bo: 'Payments',
      cy: 'Payments',
      di: 'Engineering',
    });
  });

  test('a member listed twice does not make a group look bigger; a group without a name uses its handle', () => {
    const teams = usergroupTeams(
      [group('S1', 'big', ['ana', 'ana', 'ana']), group('S2', 'small', ['ana', 'bo'], '')],
      [],
    );
    expect(teams.get('ana')).toBe('big');
    expect(teams.get('bo')).toBe('small');
  });

  test('the same answer whatever order Slack lists the groups and their members in', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(groups, { minLength: groups.length }),
        fc.func(fc.boolean()),
        (shuffled, reverse) => {
          const listed = shuffled.map((g, i) => ({ ...g, members: reverse(i) ? [...g.members].reverse() : g.members }));
          expect(usergroupTeams(listed, [])).toEqual(usergroupTeams(groups, []));
        },
      ),
    );
  });
});

describe('teamResolver', () => {
  const person = (extra: Partial<PersonForTeams> = {}): PersonForTeams => ({
    userId: 'ana',
    title: 'Staff Engineer',
    team: 'Imported team',
    department: 'Imported department',
    programmeOverride: null,
    ...extra,
  });
  const facts = (extra: Partial<TeamFacts> = {}): TeamFacts => ({
    profileFields: new Map([['ana', { XfTEAM: ' Payments ', XfDEPT: 'Engineering' }]]),
    usergroups: [group('S1', 'platform', ['ana'], 'Platform')],
    overrides: new Map(),
    ...extra,
  });
  const settings = (extra: Partial<TeamSourceSettings> = {}): TeamSourceSettings => ({
    teamSource: 'directory',
    teamFieldId: null,
    teamUsergroupIds: [],
    departmentSource: 'directory',
    departmentFieldId: null,
    ...extra,
  });

  test('each source gives its own value', () => {
    expect(teamResolver(settings(), facts())(person()).team).toBe('Imported team');
    expect(teamResolver(settings({ teamSource: 'title' }), facts())(person()).team).toBe('Staff Engineer');
    expect(teamResolver(settings({ teamSource: 'profile_field', teamFieldId: 'XfTEAM' }), facts())(person()).team).toBe(
      'Payments',
    );
    expect(teamResolver(settings({ teamSource: 'usergroup' }), facts())(person()).team).toBe('Platform');
    expect(
      teamResolver(settings({ departmentSource: 'profile_field', departmentFieldId: 'XfDEPT' }), facts())(person())
        .department,
    ).toBe('Engineering');
  });

  test('nothing from the chosen source: the directory (CSV import) fills in; nothing there either: no team', () => {
    const resolve = teamResolver(settings({ teamSource: 'profile_field', teamFieldId: 'XfMISSING' }), facts());
    expect(resolve(person())).toEqual({ team: 'Imported team', department: 'Imported department' });
    expect(resolve(person({ team: null, department: '  ' }))).toEqual({ team: null, department: null });
    expect(teamResolver(settings({ teamSource: 'title' }), facts())(person({ title: '' })).team).toBe('Imported team');
  });

  test('an admin override beats every source, and a programme’s own override beats that', () => {
    const overridden = facts({ overrides: new Map([['ana', { team: 'Ops', department: null }]]) });
    const resolve = teamResolver(
      settings({
        teamSource: 'profile_field',
        teamFieldId: 'XfTEAM',
        departmentSource: 'profile_field',
        departmentFieldId: 'XfDEPT',
      }),
      overridden,
    );
    expect(resolve(person())).toEqual({ team: 'Ops', department: 'Engineering' });
    expect(resolve(person({ programmeOverride: 'Guild' })).team).toBe('Guild');
    const departmentOnly = teamResolver(
      settings(),
      facts({ overrides: new Map([['ana', { team: null, department: 'Legal' }]]) }),
    );
    expect(departmentOnly(person())).toEqual({ team: 'Imported team', department: 'Legal' });
  });
});

describe('small parsers', () => {
  test('cleanTeamName trims, collapses spaces, caps at 80 characters and makes empty mean none', () => {
    expect(cleanTeamName('  Payments \n  Core ')).toBe('Payments Core');
    expect(cleanTeamName('   ')).toBeNull();
    expect(cleanTeamName(null)).toBeNull();
    expect(cleanTeamName('x'.repeat(100))).toHaveLength(80);
  });

  test('source choices: the four kinds, a profile field by its id, anything else refused', () => {
    expect(parseSourceChoice('directory')).toEqual({ source: 'directory', fieldId: null });
    expect(parseSourceChoice('usergroup')).toEqual({ source: 'usergroup', fieldId: null });
    expect(parseSourceChoice('profile_field:Xf0TEAM')).toEqual({ source: 'profile_field', fieldId: 'Xf0TEAM' });
    for (const bad of ['', 'profile_field:', 'profile_field:notanid', 'profile_field:Xf 1', 'TITLE', 'usergroup:S1']) {
      expect(parseSourceChoice(bad), bad).toBeUndefined();
    }
  });

  test('/coffee teams', () => {
    expect(parseCoffeeCommand('teams')).toEqual({ kind: 'teams' });
    expect(parseCoffeeCommand('  TEAMS ')).toEqual({ kind: 'teams' });
  });
});
