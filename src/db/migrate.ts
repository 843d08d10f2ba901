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
import * as mentorshipNotices from './migrations/2026-12-07-004-mentorship-notices.ts';
import * as mentorshipRequestHandoff from './migrations/2026-12-07-005-mentorship-request-handoff.ts';
import * as memberSeniorityManager from './migrations/2026-12-07-008-member-seniority-manager.ts';
import * as adminAuditLog from './migrations/2026-12-07-010-admin-audit-log.ts';
import * as slackSendFile from './migrations/2026-12-07-011-slack-send-file.ts';
import * as erasedMembers from './migrations/2026-12-07-012-erased-members.ts';
import * as retention from './migrations/2026-12-07-013-retention.ts';
import * as skillProfiles from './migrations/2026-12-07-014-skill-profiles.ts';
import * as learningRequests from './migrations/2026-12-07-015-learning-requests.ts';
import * as awayStatus from './migrations/2026-12-07-016-away-status.ts';
import * as insights from './migrations/2026-12-07-017-insights.ts';
import * as keepInTouch from './migrations/2026-12-07-018-keep-in-touch.ts';
import * as learningSuggestionsIndex from './migrations/2026-12-07-019-learning-suggestions-index.ts';
import * as erasureWordIndexes from './migrations/2026-12-07-020-erasure-word-indexes.ts';
import * as insightsRecap from './migrations/2026-12-07-021-insights-recap.ts';
import * as keepInTouchSendClaims from './migrations/2026-12-07-022-keep-in-touch-send-claims.ts';
import * as insightsWindows from './migrations/2026-12-07-023-insights-windows.ts';
import * as insightsWindowReads from './migrations/2026-12-07-024-insights-window-reads.ts';
import * as insightsDrawings from './migrations/2026-12-07-025-insights-drawings.ts';
import * as insightsRecognition from './migrations/2026-12-07-027-insights-recognition.ts';
import * as memberFieldsReadAt from './migrations/2026-12-07-028-member-fields-read-at.ts';
import * as insightsWindowParts from './migrations/2026-12-07-029-insights-window-parts.ts';
import * as insightsKeptSetsUnchecked from './migrations/2026-12-07-030-insights-kept-sets-unchecked.ts';
import * as metAnswersIndex from './migrations/2026-12-07-031-met-answers-index.ts';
import * as checkinGroupDelivery from './migrations/2026-12-07-032-checkin-group-delivery.ts';
import * as metAnswersDeliveryIndex from './migrations/2026-12-07-033-met-answers-delivery-index.ts';
import { findAppliedMigrationNames, lockMigrations, unlockMigrations } from './queries/migrations.ts';

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
  '2026-12-07-004-mentorship-notices': mentorshipNotices,
  '2026-12-07-005-mentorship-request-handoff': mentorshipRequestHandoff,
  '2026-12-07-008-member-seniority-manager': memberSeniorityManager,
  '2026-12-07-010-admin-audit-log': adminAuditLog,
  '2026-12-07-011-slack-send-file': slackSendFile,
  '2026-12-07-012-erased-members': erasedMembers,
  '2026-12-07-013-retention': retention,
  '2026-12-07-014-skill-profiles': skillProfiles,
  '2026-12-07-015-learning-requests': learningRequests,
  '2026-12-07-016-away-status': awayStatus,
  '2026-12-07-017-insights': insights,
  '2026-12-07-018-keep-in-touch': keepInTouch,
  '2026-12-07-019-learning-suggestions-index': learningSuggestionsIndex,
  '2026-12-07-020-erasure-word-indexes': erasureWordIndexes,
  '2026-12-07-021-insights-recap': insightsRecap,
  '2026-12-07-022-keep-in-touch-send-claims': keepInTouchSendClaims,
  '2026-12-07-023-insights-windows': insightsWindows,
  '2026-12-07-024-insights-window-reads': insightsWindowReads,
  '2026-12-07-025-insights-drawings': insightsDrawings,
  '2026-12-07-027-insights-recognition': insightsRecognition,
  '2026-12-07-028-member-fields-read-at': memberFieldsReadAt,
  '2026-12-07-029-insights-window-parts': insightsWindowParts,
  '2026-12-07-030-insights-kept-sets-unchecked': insightsKeptSetsUnchecked,
  '2026-12-07-031-met-answers-index': metAnswersIndex,
  '2026-12-07-032-checkin-group-delivery': checkinGroupDelivery,
  '2026-12-07-033-met-answers-delivery-index': metAnswersDeliveryIndex,
};

/** Every migration this version knows, in the order they are listed. */
export const migrationNames: readonly string[] = Object.freeze(Object.keys(migrations));

const noChange: Migration = { up: async () => {} };

export interface MigrationOutcome {
  /** What this run applied, in order. */
  applied: string[];
  /**
   * Applied by a newer version of Nudge and unknown to this one. During a rolling upgrade an older process may
   * start after a newer one migrated; migrations only expand the schema while both run (docs/operations.md, Upgrades), so the
   * older process runs on it unchanged.
   */
  newer: string[];
}

/**
 * Brings the schema up to date, under a Postgres advisory lock held on one connection for the whole run: of many
 * processes starting at once, one migrates and the others wait, then find nothing left to do.
 */
export async function migrateToLatest(db: Db): Promise<MigrationOutcome> {
  return await db.connection().execute(async (connection) => {
    await lockMigrations(connection);
    try {
      const newer = (await findAppliedMigrationNames(connection)).filter((name) => !(name in migrations));
      const provider: MigrationProvider = {
        getMigrations: async () => ({ ...migrations, ...Object.fromEntries(newer.map((name) => [name, noChange])) }),
      };
      // Features land migrations independently; an older-dated one arriving later must still run.
      const migrator = new Migrator({ db: connection, provider, allowUnorderedMigrations: true });
      const { error, results } = await migrator.migrateToLatest();
      if (error) throw error instanceof Error ? error : new Error(String(error));
      return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), newer };
    } finally {
      await unlockMigrations(connection);
    }
  });
}
