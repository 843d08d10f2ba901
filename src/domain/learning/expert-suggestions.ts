import type { Db } from '../../db/database.ts';
import {
  type ExpertCandidateRow,
  findAskedExperts,
  findAskMeAboutExperts,
  findAskMeAboutSkills,
  findExpertRequestLoad,
  findUnaskedNearbyExperts,
  type UnaskedExpertRow,
} from '../../db/queries/learning-requests.ts';
import { findMember } from '../../db/queries/members.ts';
import { MAX_SKILL_LENGTH, normaliseSkill } from '../../matching/mentorship/skills.ts';
import { type AwayRules, isAway } from '../directory/away.ts';
import { findAwayPeople, loadAwayRules } from '../directory/away-people.ts';
import { suggestValues } from '../kudos/suggest-values.ts';
import { weeklyRequestCap } from './learning-settings.ts';
import { visibleAskMeAbout } from './skill-profile.ts';

/** At most this many people are suggested at once. */
export const maxExpertSuggestions = 3;
/** An expert's weekly cap counts the requests they received in this rolling window. */
export const capWindowMs = 7 * 24 * 60 * 60 * 1000;
/** Working hours overlap enough when the time zones are at most this far apart. */
const overlapSeconds = 4 * 60 * 60;
const maxTags = 4;

export interface ExpertSuggestion {
  expertId: string;
  /** Their *ask me about* skills, the asked one first. */
  tags: string[];
  otherTeam: boolean;
  overlappingHours: boolean;
}

export type ExpertSuggestionsResult =
  | {
      ok: true;
      skill: string;
      skillKey: string;
      suggestions: ExpertSuggestion[];
      /** When nobody else lists the skill at all: the closest skills people do list, to try instead. */
      closest: string[];
    }
  | { ok: false; refused: 'no_skill' | 'too_long'; skill: string };

/** The skill as typed, checked: what every entry point (command, shortcut, hand-off) reads it through. */
export function readSkill(
  raw: string,
): { ok: true; skill: string; key: string } | { ok: false; refused: 'no_skill' | 'too_long' } {
  const skill = raw.trim().replace(/\s+/g, ' ');
  if (skill.length > MAX_SKILL_LENGTH) return { ok: false, refused: 'too_long' };
  const key = normaliseSkill(skill);
  if (key === '') return { ok: false, refused: 'no_skill' };
  return { ok: true, skill, key };
}

/**
 * Up to three people who can help the asker with a skill: only people who list it under *ask me about*, never the
 * asker, never anyone they already asked about it (so a decline is never shown again), never anyone at their weekly
 * cap. People outside the asker's team come first, then those asked least recently, then overlapping hours.
 * `preferred` (a colleague an expert suggested) goes first when they qualify like anyone else.
 */
export async function expertSuggestions(
  db: Db,
  input: { workspaceId: string; askerId: string; skill: string; now: Date; preferred?: string | undefined },
): Promise<ExpertSuggestionsResult> {
  const read = readSkill(input.skill);
  if (!read.ok) return { ok: false, refused: read.refused, skill: input.skill.trim() };
  const { workspaceId, askerId } = input;
  // Independent reads, side by side on the pool: the asker's row, the workspace's away words and the best tier's
  // first page (which reads the asker's team and zone itself), so a suggestion is two round trips in a row.
  const tier = { workspaceId, askerId, skillKey: read.key };
  const [asker, rules, firstPage] = await Promise.all([
    findMember(db, workspaceId, askerId),
    loadAwayRules(db, workspaceId),
    input.preferred === undefined ? bestTierPageAfter(db, tier, undefined) : undefined,
  ]);
  const otherTeam = (team: string | null) => Boolean(asker?.team && team && team !== asker.team);
  const overlapping = (offset: number) =>
    asker ? Math.abs(asker.tz_offset_seconds - offset) <= overlapSeconds : false;
  const best = firstPage ? await bestTier(db, { ...tier, now: input.now }, firstPage, rules) : undefined;
  const ranked = best ?? (await fullRanking(db, { ...input, read }, { otherTeam, overlapping }));
  const chosen = ranked.candidates.slice(0, maxExpertSuggestions);
  // Through the door to someone else's profile: only what they chose to be asked about.
  const visible = await visibleAskMeAbout(db, {
    workspaceId,
    viewerId: askerId,
    subjectIds: chosen.map((c) => c.user_id),
  });
  const suggestions: ExpertSuggestion[] = [];
  for (const c of chosen) {
    const others = (visible.get(c.user_id) ?? []).filter((skill) => skill !== c.skill);
    suggestions.push({
      expertId: c.user_id,
      tags: [c.skill, ...others].slice(0, maxTags),
      otherTeam: otherTeam(c.team),
      overlappingHours: overlapping(c.tz_offset_seconds),
    });
  }
  return { ok: true, skill: read.skill, skillKey: read.key, suggestions, closest: ranked.closest };
}

type Ranked = { candidates: ExpertCandidateRow[]; closest: string[] };

/** How many rows of the best tier are read at a time: a few more than are shown, for anyone away. */
const bestTierPage = 16;

/**
 * The top of the ranking when it lies wholly in its first tier: people in another team, whose hours overlap, whom
 * nobody has ever asked (so under any cap, and never this asker's), in user id order, exactly as the full ranking
 * orders that tier. Read a page at a time in index order, so a skill listed by tens of thousands costs a few rows.
 * Undefined when fewer than three qualify: the full ranking decides then.
 */
async function bestTier(
  db: Db,
  input: { workspaceId: string; askerId: string; skillKey: string; now: Date },
  firstPage: UnaskedExpertRow[],
  rules: AwayRules,
): Promise<Ranked | undefined> {
  const found: ExpertCandidateRow[] = [];
  let page = firstPage;
  for (;;) {
    found.push(...page.filter((c) => !isAway(c, input.now, rules)));
    if (found.length >= maxExpertSuggestions) return { candidates: found, closest: [] };
    if (page.length < bestTierPage) return undefined;
    page = await bestTierPageAfter(db, input, page.at(-1)?.user_id);
  }
}

async function bestTierPageAfter(
  db: Db,
  input: { workspaceId: string; askerId: string; skillKey: string },
  after: string | undefined,
): Promise<UnaskedExpertRow[]> {
  return await findUnaskedNearbyExperts(db, { ...input, maxGapSeconds: overlapSeconds, after, limit: bestTierPage });
}

/** Everyone who lists the skill, filtered and ranked in full; for a skill nobody lists, the closest ones people do. */
async function fullRanking(
  db: Db,
  input: {
    workspaceId: string;
    askerId: string;
    read: { skill: string; key: string };
    now: Date;
    preferred?: string | undefined;
  },
  reasons: { otherTeam: (team: string | null) => boolean; overlapping: (offset: number) => boolean },
): Promise<Ranked> {
  const { workspaceId, askerId, read } = input;
  const { otherTeam, overlapping } = reasons;
  const asked = new Set((await findAskedExperts(db, workspaceId, askerId, read.key)).map((r) => r.expert_id));
  const listed = (await findAskMeAboutExperts(db, workspaceId, read.key)).filter((c) => c.user_id !== askerId);
  const candidates = listed.filter((c) => !asked.has(c.user_id));
  const closest =
    listed.length > 0
      ? []
      : suggestValues(read.skill, await findAskMeAboutSkills(db, workspaceId)).filter(
          (skill) => normaliseSkill(skill) !== read.key,
        );
  const cap = await weeklyRequestCap(db, workspaceId);
  const since = new Date(input.now.getTime() - capWindowMs);
  const load = new Map(
    (
      await findExpertRequestLoad(
        db,
        workspaceId,
        candidates.map((c) => c.user_id),
        since,
      )
    ).map((l) => [l.expert_id, l]),
  );
  // Someone whose Slack status says they are away is not offered until it clears, and nobody is told why.
  const away = await findAwayPeople(db, { workspaceId, userIds: candidates.map((c) => c.user_id), now: input.now });
  const open = candidates.filter((c) => !away.has(c.user_id) && Number(load.get(c.user_id)?.received ?? 0) < cap);
  const lastAsked = (id: string) => load.get(id)?.last_asked?.getTime() ?? 0;
  const ranked = open.sort(
    (a, b) =>
      Number(b.user_id === input.preferred) - Number(a.user_id === input.preferred) ||
      Number(otherTeam(b.team)) - Number(otherTeam(a.team)) ||
      lastAsked(a.user_id) - lastAsked(b.user_id) ||
      Number(overlapping(b.tz_offset_seconds)) - Number(overlapping(a.tz_offset_seconds)) ||
      a.user_id.localeCompare(b.user_id),
  );
  return { candidates: ranked, closest };
}
