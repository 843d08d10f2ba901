import { loadMigrationTarget } from '../config.ts';
import { startEmbeddedPostgres } from '../embedded/embedded-postgres.ts';
import type { Db } from './database.ts';
import { createDatabase } from './database.ts';

/**
 * Runs an operator command (`npm run db:migrate`, `npm run workspace:purge`) against DATABASE_URL, or else the
 * embedded PostgreSQL in the data folder, with one connection; settings that cannot be used end the command with
 * their problems ("Cannot <cannot>; fix these settings"), and a failure with one line ("<failed>: …").
 */
export async function withCliDatabase(
  words: { cannot: string; failed: string },
  run: (db: Db, where: { embeddedDataDir?: string }) => Promise<void>,
): Promise<void> {
  const loaded = loadMigrationTarget();
  if (!loaded.ok) {
    process.stderr.write(
      `Cannot ${words.cannot}; fix these settings:\n${loaded.errors.map((e) => `  - ${e}`).join('\n')}\n`,
    );
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
    }
    const db = createDatabase(url, { max: 1, ca });
    try {
      await run(db, target.kind === 'url' ? {} : { embeddedDataDir: target.dataDir });
    } finally {
      await db.destroy();
    }
  } catch (error) {
    process.stderr.write(`${words.failed}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await stopEmbedded();
  }
}
