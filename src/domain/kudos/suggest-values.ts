/**
 * The configured values closest to an unknown tag (edit distance / prefix), best first, at most `limit`.
 * Comparison ignores case and a leading `#`; values come back spelled as configured.
 */
export function suggestValues(tag: string, values: readonly string[], limit = 3): string[] {
  const wanted = normalize(tag);
  if (wanted === '') return [];
  // Typos grow with length: one slip in a short tag, up to three in a long one.
  const maxDistance = wanted.length <= 4 ? 1 : wanted.length <= 8 ? 2 : 3;
  const seen = new Set<string>();
  const candidates: { value: string; score: number }[] = [];
  for (const value of values) {
    const known = normalize(value);
    if (known === '' || seen.has(known)) continue;
    seen.add(known);
    // A started or over-typed word (`#own`, `#teamworking`) is a strong hint even when many letters differ.
    const prefix = Math.min(wanted.length, known.length) >= 3 && (known.startsWith(wanted) || wanted.startsWith(known));
    // Distance is at least the length difference, so skip the quadratic work when it cannot be close enough.
    const distance = Math.abs(known.length - wanted.length) > maxDistance ? Infinity : editDistance(wanted, known);
    // Prefix matches count as one edit and win ties against real one-edit typos.
    const score = prefix ? Math.min(distance, 1) - 0.5 : distance;
    if (score <= maxDistance) candidates.push({ value, score });
  }
  // Array#sort is stable, so equally close values keep their configured order.
  return candidates
    .sort((a, b) => a.score - b.score)
    .slice(0, Math.max(0, limit))
    .map((candidate) => candidate.value);
}

function normalize(tag: string): string {
  return tag.trim().replace(/^#/, '').toLowerCase();
}

/** Optimal string alignment distance: Levenshtein plus swapping two neighbours (`teamwrok`) as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
