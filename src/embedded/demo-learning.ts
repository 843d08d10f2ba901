import { saveSkillProfile } from '../domain/learning/save-skill-profile.ts';
import type { SkillListName } from '../domain/learning/skill-lists.ts';
import { anyoneListsAskMeAbout } from '../domain/learning/skill-profile.ts';
import { findWorkspace } from '../domain/workspaces/find-workspace.ts';
import type { TimeControlDeps } from './time-controls.ts';

/**
 * Seven of the demo's people with skills profiles, so `/nudge learn rust` (or SQL, public speaking, negotiation…)
 * finds people to ask from the first start. Ada, Katherine and Mary are left to fill in their own, which is what the
 * Home tab's *Add skills* button is for.
 */
const demoProfiles: Array<{ userId: string } & Partial<Record<SkillListName, string[]>>> = [
  {
    userId: 'U0DEMOGRC1',
    ask_me_about: ['Rust', 'System design', 'Public speaking', 'Compilers'],
    can_mentor: ['Public speaking'],
  },
  {
    userId: 'U0DEMOMAR1',
    ask_me_about: ['Incident response', 'System design', 'Rust'],
    want_to_learn: ['Machine learning'],
  },
  { userId: 'U0DEMODOR1', ask_me_about: ['SQL', 'Data analysis'], want_to_learn: ['Leadership'] },
  {
    userId: 'U0DEMOALN1',
    ask_me_about: ['Machine learning', 'Python', 'Cryptography'],
    want_to_learn: ['Public speaking'],
  },
  { userId: 'U0DEMOHDY1', ask_me_about: ['Product design', 'User research'], want_to_improve: ['SQL'] },
  { userId: 'U0DEMOLIN1', ask_me_about: ['Negotiation', 'Public speaking'] },
  { userId: 'W0DEMOEVE1', ask_me_about: ['Leadership', 'Negotiation'] },
];

/**
 * Gives a fresh demo people who can be asked about skills. Entry-side code, run once: a workspace where someone
 * already lists a skill (a restart on the same data folder) is left exactly as people changed it.
 */
export async function seedDemoLearning(deps: TimeControlDeps, places: { teamId: string }): Promise<boolean> {
  const workspace = await findWorkspace(deps.db, places.teamId);
  if (workspace?.status !== 'active') return false;
  if (await anyoneListsAskMeAbout(deps.db, workspace.id)) return false;
  const now = deps.clock.now();
  for (const { userId, ...given } of demoProfiles) {
    const lists = { ask_me_about: [], can_mentor: [], want_to_learn: [], want_to_improve: [], ...given };
    const saved = await saveSkillProfile(deps.db, { workspaceId: workspace.id, userId, lists, now });
    if (!saved.ok) throw new Error(`the demo skills of ${userId} were refused: ${JSON.stringify(saved.errors)}`);
  }
  return true;
}
