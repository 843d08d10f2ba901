import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** The cheapest round trip to Postgres: throws when the database cannot answer. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
