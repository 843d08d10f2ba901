/**
 * Which custom Slack profile field holds people's teams, judged by its label. Workspaces name it many ways;
 * the first kind in this list that a field is named after wins (a Team field over a Department field).
 */
const teamWords = ['team', 'squad', 'pod', 'tribe', 'crew', 'group', 'unit', 'department', 'dept', 'division'];

function normalise(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

function rankOf(label: string): number {
  const words = normalise(label)
    .split(' ')
    .filter((w) => !['my', 'your', 'name', 'the'].includes(w));
  // "Team", "Team name", "My squad": one word that is a team word. "Team lead" or "Favourite group chat" is not.
  if (words.length !== 1) return -1;
  return teamWords.indexOf(words[0]!);
}

export function proposeTeamField(
  fields: ReadonlyArray<{ id: string; label: string }>,
): { id: string; label: string } | null {
  let best: { id: string; label: string } | null = null;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const field of fields) {
    const rank = rankOf(field.label);
    if (rank >= 0 && rank < bestRank) {
      best = field;
      bestRank = rank;
    }
  }
  return best;
}
