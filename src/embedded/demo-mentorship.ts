import { startMentorshipProgramme } from '../domain/mentorship/programmes.ts';
import { saveSignup } from '../domain/mentorship/save-signup.ts';
import { findWorkspace } from '../domain/workspaces/find-workspace.ts';
import type { TimeControlDeps } from './time-controls.ts';

/** The skills the demo programme offers in its menus. */
const demoSkills = [
  'Rust',
  'TypeScript',
  'System design',
  'Data analysis',
  'SQL',
  'Product design',
  'Public speaking',
  'Negotiation',
  'Leadership',
  'Incident response',
  'Machine learning',
];

type DemoSignup = {
  userId: string;
  role: 'mentor' | 'mentee' | 'both';
  learns: string[];
  teaches: string[];
  goals: string;
  capacity?: number;
  preferOtherTeam?: boolean;
};

/**
 * Nine of the demo's people, teaching and learning; Ada, the admin, is left to sign up herself. Nobody teaches
 * machine learning, so the preview also shows a mentee waiting, with the reason.
 */
const demoSignups: DemoSignup[] = [
  {
    userId: 'U0DEMOGRC1',
    role: 'mentor',
    learns: [],
    teaches: ['Rust', 'System design', 'Public speaking'],
    goals: 'Help people give their first conference talk',
    capacity: 2,
  },
  {
    userId: 'U0DEMOMAR1',
    role: 'mentor',
    learns: [],
    teaches: ['Incident response', 'System design', 'Leadership'],
    goals: 'Pass on what flight software taught me about failure',
    capacity: 2,
  },
  {
    userId: 'U0DEMODOR1',
    role: 'both',
    learns: ['Leadership'],
    teaches: ['SQL', 'Data analysis'],
    goals: 'Grow into leading a larger team',
    capacity: 1,
  },
  {
    userId: 'W0DEMOEVE1',
    role: 'mentor',
    learns: [],
    teaches: ['Negotiation', 'Leadership'],
    goals: 'Mentor someone outside IT',
    capacity: 1,
  },
  {
    userId: 'U0DEMOALN1',
    role: 'mentee',
    learns: ['Public speaking'],
    teaches: [],
    goals: 'Present my research at the all-hands without reading from notes',
    preferOtherTeam: true,
  },
  {
    userId: 'U0DEMOKTH1',
    role: 'mentee',
    learns: ['System design', 'Rust'],
    teaches: [],
    goals: 'Design the next version of our analytics pipeline',
  },
  {
    userId: 'U0DEMOHDY1',
    role: 'mentee',
    learns: ['Data analysis', 'SQL'],
    teaches: [],
    goals: 'Run my own usability studies’ numbers',
    preferOtherTeam: true,
  },
  {
    userId: 'U0DEMOLIN1',
    role: 'mentee',
    learns: ['Negotiation'],
    teaches: [],
    goals: 'Close bigger deals in APAC',
  },
  {
    userId: 'U0DEMOMRY1',
    role: 'mentee',
    learns: ['Machine learning'],
    teaches: [],
    goals: 'Automate the triage of support tickets',
  },
];

/**
 * Gives a fresh demo a mentorship programme in #mentoring with people who teach and learn, so `/mentor plan`
 * has pairs to preview from the first start. Entry-side code, run once: a programme already in the channel (a
 * restart on the same data folder) is left exactly as people changed it.
 */
export async function seedDemoMentorship(
  deps: TimeControlDeps,
  places: { teamId: string; channelId: string; adminId: string },
): Promise<boolean> {
  const workspace = await findWorkspace(deps.db, places.teamId);
  if (workspace?.status !== 'active') return false;
  const now = deps.clock.now();
  const started = await startMentorshipProgramme(deps.db, {
    workspaceId: workspace.id,
    channelId: places.channelId,
    createdBy: places.adminId,
    settings: { skills: demoSkills, maxCapacity: 3 },
    now,
  });
  if (!started.ok) return false;
  for (const signup of demoSignups) {
    const saved = await saveSignup(deps.db, {
      workspaceId: workspace.id,
      programmeId: started.programmeId,
      userId: signup.userId,
      role: signup.role,
      learns: signup.learns,
      teaches: signup.teaches,
      goals: signup.goals,
      capacity: signup.capacity ?? null,
      preferOtherTeam: signup.preferOtherTeam ?? false,
      preferOverlap: false,
      now,
    });
    if (!saved.ok) throw new Error(`the demo sign-up of ${signup.userId} was refused: ${JSON.stringify(saved)}`);
  }
  await deps.queues.enqueue('mentorship.announce', { workspaceId: workspace.id, programmeId: started.programmeId });
  return true;
}
