import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import * as foundation from './migrations/2026-11-23-001-foundation.ts';
import * as kudos from './migrations/2026-11-23-002-kudos.ts';
import * as celebrations from './migrations/2026-11-23-003-celebrations.ts';
import * as pairing from './migrations/2026-11-23-004-pairing.ts';
import * as pairingTeams from './migrations/2026-11-23-005-pairing-teams.ts';
import * as kudosWithdrawn from './migrations/2026-12-07-001-kudos-withdrawn.ts';
import * as mentorship from './migrations/2026-12-07-002-mentorship.ts';
import * as mentorshipCycle from './migrations/2026-12-07-003-mentorship-cycle.ts';
import * as mentorshipRequestHandoff from './migrations/2026-12-07-005-mentorship-request-handoff.ts';
import * as memberSeniorityManager from './migrations/2026-12-07-008-member-seniority-manager.ts';
import * as adminAuditLog from './migrations/2026-12-07-010-admin-audit-log.ts';
import * as retention from './migrations/2026-12-07-013-retention.ts';

/** Listed by hand (not read from disk) so the same list works under Node, vitest and a bundler. */
const migrations: Record<string, Migration> = {
  '2026-11-23-001-foundation': foundation,
  '2026-11-23-002-kudos': kudos,
  '2026-11-23-003-celebrations': celebrations,
  '2026-11-23-004-pairing': pairing,
  '2026-11-23-005-pairing-teams': pairingTeams,
  '2026-12-07-001-kudos-withdrawn': kudosWithdrawn,
  '2026-12-07-002-mentorship': mentorship,
  '2026-12-07-003-mentorship-cycle': mentorshipCycle,
  '2026-12-07-005-mentorship-request-handoff': mentorshipRequestHandoff,
  '2026-12-07-008-member-seniority-manager': memberSeniorityManager,
  '2026-12-07-010-admin-audit-log': adminAuditLog,
  '2026-12-07-013-retention': retention,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  // Features land migrations independently; an older-dated one arriving later must still run.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
