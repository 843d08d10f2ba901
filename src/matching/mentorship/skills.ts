/**
 * Skills are free text typed by people, so "Node.js", "node js" and "NodeJS" must be one skill, and "JS" the same as
 * "JavaScript". The folding is deliberately small and predictable: an admin can guess what it does.
 */

export const MAX_SKILL_LENGTH = 100;

/** Spellings that name the same skill, folded to one key (keys are already normalised text). */
const SYNONYMS: Readonly<Record<string, string>> = {
  js: 'javascript',
  ecmascript: 'javascript',
  ts: 'typescript',
  k8s: 'kubernetes',
  ml: 'machine learning',
  ai: 'artificial intelligence',
  ux: 'user experience',
  ui: 'user interface',
  golang: 'go',
  py: 'python',
  node: 'nodejs',
  'node js': 'nodejs',
  postgres: 'postgresql',
  pm: 'product management',
};

/**
 * Trim, lower-case, `+` and `#` spelled out (so C++ and C# stay apart from C), separators (-, _, /) as spaces, other
 * punctuation dropped ("node.js" → "nodejs"), spaces collapsed, then the synonym table.
 */
export function normaliseSkill(raw: string): string {
  const text = raw
    .trim()
    .toLowerCase()
    .replace(/\+/g, 'plus')
    .replace(/#/g, 'sharp')
    .replace(/[-_/]+/g, ' ')
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return SYNONYMS[text] ?? text;
}
