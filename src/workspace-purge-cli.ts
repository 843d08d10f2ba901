import { withCliDatabase } from './db/cli-database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { purgeWorkspace } from './domain/retention/purge-workspace.ts';

/**
 * `npm run workspace:purge -- <team id> --confirm`: the operator's way to delete an uninstalled workspace's data at
 * once instead of after the 30 days (Slack gives an uninstalled app no surface to ask an admin). Without `--confirm`
 * it only says what it would do. An installed workspace is refused: uninstall the app first.
 */
const args = process.argv.slice(2);
const workspaceId = args.find((a) => !a.startsWith('--'));
const confirmed = args.includes('--confirm');
if (!workspaceId || !/^[TE][A-Z0-9]{2,30}$/.test(workspaceId)) {
  process.stderr.write('usage: npm run workspace:purge -- <team or enterprise id> --confirm\n');
  process.exit(2);
}
if (!confirmed) {
  process.stdout.write(
    `This deletes every row Nudge holds for ${workspaceId}, at once and for good, if the app is uninstalled there.\n` +
      `Run again with --confirm to do it: npm run workspace:purge -- ${workspaceId} --confirm\n`,
  );
  process.exit(1);
}

await withCliDatabase({ cannot: 'reach the database', failed: 'purge failed' }, async (db) => {
  await migrateToLatest(db);
  const result = await purgeWorkspace(db, { workspaceId, now: new Date(), immediately: true });
  if (result.ok) {
    process.stdout.write(`purged ${workspaceId}: ${result.deletedRows} rows deleted\n`);
    return;
  }
  const why = {
    not_found: 'Nudge holds nothing for this workspace (never installed, or already purged)',
    still_installed: 'the app is still installed there; uninstall it in Slack first',
    too_recent: 'too recent',
  }[result.refused];
  process.stderr.write(`not purged: ${why}\n`);
  process.exitCode = 1;
});
