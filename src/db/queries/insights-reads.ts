import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

type Executor = Kysely<Database>;

/** Every precomputed insights row of a workspace: a few hundred rows at most, what the report is built from. */
export async function findInsightsAggregates(db: Executor, workspaceId: string) {
  const [state, programmes, ties, teamPairs, teams, departments, recognition, mentorship, learning] = await Promise.all(
    [
      db.selectFrom('insights_state').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst(),
      db
        .selectFrom('insights_programme_months')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('month')
        .orderBy('kind')
        .orderBy('programme_id')
        .execute(),
      db
        .selectFrom('insights_tie_months')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('month')
        .execute(),
      db
        .selectFrom('insights_team_pairs')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('team_a')
        .orderBy('team_b')
        .execute(),
      db.selectFrom('insights_teams').selectAll().where('workspace_id', '=', workspaceId).orderBy('team').execute(),
      db
        .selectFrom('insights_department_kudos')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('from_department')
        .orderBy('to_department')
        .execute(),
      db.selectFrom('insights_recognition').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst(),
      db
        .selectFrom('insights_mentorship_months')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('month')
        .execute(),
      db
        .selectFrom('insights_learning_months')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('month')
        .execute(),
    ],
  );
  return { state, programmes, ties, teamPairs, teams, departments, recognition, mentorship, learning };
}

export type InsightsAggregates = Awaited<ReturnType<typeof findInsightsAggregates>>;

/** When a workspace's aggregates were last computed (full or incremental), or undefined before the first run. */
export async function findInsightsComputedAt(db: Executor, workspaceId: string): Promise<Date | undefined> {
  const row = await db
    .selectFrom('insights_state')
    .select('computed_at')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.computed_at;
}
