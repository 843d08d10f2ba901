import type { Db } from '../../db/database.ts';
import { pingDatabase } from '../../db/queries/health.ts';

/** The readiness probe's database check: throws when Postgres cannot answer. */
export async function checkDatabaseReady(db: Db): Promise<void> {
  await pingDatabase(db);
}
