import { loadMigrationTarget } from '../config.ts';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.ts';
import { createDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

const loaded = loadMigrationTarget();
if (!loaded.ok) {
  process.stderr.write(`Cannot migrate; fix these settings:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`);
  process.exit(1);
}

const { target } = loaded;
let stopEmbedded = async () => {};
try {
  let url: string;
  let ca: string | undefined;
  if (target.kind === 'url') ({ url, ca } = target);
  else {
    const embedded = await startEmbeddedPostgres(target.dataDir);
    stopEmbedded = embedded.stop;
    url = embedded.url;
    process.stdout.write(`no DATABASE_URL: migrating the embedded PostgreSQL in ${target.dataDir}/postgres\n`);
  }
  const db = createDatabase(url, { max: 1, ca });
  try {
    const { applied, newer } = await migrateToLatest(db);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    if (newer.length) process.stdout.write(`applied by a newer version of Nudge: ${newer.join(', ')}\n`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await stopEmbedded();
}
