/**
 * A person's seniority as a level from 1 to 10, read from how workspaces write it in a profile field or a CSV cell:
 * a number ("3", "L5", "IC4", "Level 6", "Grade 2", "E7", "P3", "Band 4"), or a word from this table. A number wins
 * over a word ("Senior (L5)" is 5). Anything else, or a number outside 1–10 ("2019"), is no level: unknown, never
 * guessed.
 *
 * | Words                                   | Level |
 * | --------------------------------------- | ----- |
 * | intern, trainee, apprentice, graduate   | 1     |
 * | junior, associate, entry                | 2     |
 * | mid, intermediate                       | 3     |
 * | senior                                  | 4     |
 * | staff, lead                             | 5     |
 * | senior staff                            | 6     |
 * | principal                               | 7     |
 * | senior principal, distinguished         | 8     |
 * | fellow                                  | 9     |
 */

export const minSeniority = 1;
export const maxSeniority = 10;

/** Longest phrases first, so "senior staff" is read before "senior" or "staff". */
const words: ReadonlyArray<readonly [string, number]> = [
  ['senior principal', 8],
  ['senior staff', 6],
  ['intern', 1],
  ['trainee', 1],
  ['apprentice', 1],
  ['graduate', 1],
  ['junior', 2],
  ['associate', 2],
  ['entry', 2],
  ['mid', 3],
  ['intermediate', 3],
  ['senior', 4],
  ['staff', 5],
  ['lead', 5],
  ['principal', 7],
  ['distinguished', 8],
  ['fellow', 9],
];

const numbered = /^(?:l|ic|e|g|p|level|grade|band)?(\d{1,4})$/;

export function seniorityLevel(text: string | null | undefined): number | null {
  const tokens = (text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
  for (const token of tokens) {
    const digits = numbered.exec(token)?.[1];
    if (digits === undefined) continue;
    const level = Number(digits);
    return level >= minSeniority && level <= maxSeniority ? level : null;
  }
  const phrase = ` ${tokens.join(' ')} `;
  for (const [word, level] of words) if (phrase.includes(` ${word} `)) return level;
  return null;
}

/** How to write a level, for the message that refuses one. */
const someWords = 'junior, mid, senior, staff or principal';
export const seniorityHint = `a level from ${minSeniority} to ${maxSeniority} or a word such as ${someWords}`;
