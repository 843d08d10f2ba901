import { withCliDatabase } from './cli-database.ts';
import { migrateToLatest } from './migrate.ts';

await withCliDatabase({ cannot: 'migrate', failed: 'migration failed' }, async (db, where) => {
  if (where.embeddedDataDir) {
    process.stdout.write(`no DATABASE_URL: migrating the embedded PostgreSQL in ${where.embeddedDataDir}/postgres\n`);
  }
  const { applied, newer } = await migrateToLatest(db);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  if (newer.length) process.stdout.write(`applied by a newer version of Nudge: ${newer.join(', ')}\n`);
});
