import pg from 'pg';
import { expect, inject, test } from 'vitest';

test('the suite has a real postgres', async () => {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
  const { rows } = await client.query('select 1 + 1 as two');
  await client.end();
  expect(rows[0].two).toBe(2);
});
