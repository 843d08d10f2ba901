import { describe, expect, test } from 'vitest';
import { statementKind } from '../../src/db/query-tracing.ts';

describe('statementKind', () => {
  test('names a query by its first keyword only, never its text or values', () => {
    expect(statementKind('select "id" from "kudos" where "workspace_id" = $1')).toBe('SELECT');
    expect(statementKind('\n  insert into "kudos_gifts" values ($1)')).toBe('INSERT');
    expect(statementKind('with "x" as (select 1) update "t" set "a" = $1')).toBe('WITH');
    expect(statementKind('/* pg_advisory_lock */ select pg_advisory_lock($1)')).toBe('SELECT');
    expect(statementKind('begin')).toBe('BEGIN');
    expect(statementKind("'quoted text'")).toBe('QUERY');
  });
});
