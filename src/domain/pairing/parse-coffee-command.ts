/** `/coffee` subcommands, parsed from the text Slack sends with `should_escape: true`. Pure and total. */

export type CoffeeCommand =
  | { kind: 'help' }
  | { kind: 'start'; programme: 'coffee' | 'cross-team' | 'exec-lottery'; hostUserId: string | null }
  | { kind: 'run' }
  | { kind: 'settings' }
  | { kind: 'teams' }
  | { kind: 'pause'; until: string | null }
  | { kind: 'resume' }
  | { kind: 'skip' }
  | { kind: 'leave' }
  | { kind: 'status' }
  | { kind: 'block'; userId: string }
  | { kind: 'unblock'; userId: string }
  | { kind: 'invalid'; error: string };

const mention = /^<@([A-Z][A-Z0-9]+)(?:\|[^>]*)?>$/;

function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function parseCoffeeCommand(text: string): CoffeeCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = '', ...rest] = words;
  switch (first.toLowerCase()) {
    case '':
    case 'help':
      return { kind: 'help' };
    case 'start': {
      const kind = (rest[0] ?? 'coffee').toLowerCase();
      if (kind === 'coffee' || kind === 'cross-team') return { kind: 'start', programme: kind, hostUserId: null };
      if (kind === 'lottery' || kind === 'exec-lottery') {
        const host = rest[1]?.match(mention)?.[1];
        if (!host) return { kind: 'invalid', error: 'An exec lottery needs its host: `/coffee start lottery @host`.' };
        return { kind: 'start', programme: 'exec-lottery', hostUserId: host };
      }
      return {
        kind: 'invalid',
        error:
          'Start a programme with `/coffee start coffee`, `/coffee start cross-team` or `/coffee start lottery @host`.',
      };
    }
    case 'run':
      return { kind: 'run' };
    case 'settings':
      return { kind: 'settings' };
    case 'teams':
      return { kind: 'teams' };
    case 'pause': {
      if (rest.length === 0) return { kind: 'pause', until: null };
      const date = rest[0]?.toLowerCase() === 'until' ? rest[1] : rest[0];
      if (!date || !isValidDate(date))
        return {
          kind: 'invalid',
          error: 'Pause until a date like `/coffee pause until 2026-12-31`, or just `/coffee pause`.',
        };
      return { kind: 'pause', until: date };
    }
    case 'resume':
      return { kind: 'resume' };
    case 'skip':
      return { kind: 'skip' };
    case 'leave':
      return { kind: 'leave' };
    case 'status':
      return { kind: 'status' };
    case 'block':
    case 'unblock': {
      const userId = rest[0]?.match(mention)?.[1];
      if (!userId)
        return {
          kind: 'invalid',
          error: `Name the person with a mention: \`/coffee ${first.toLowerCase()} @someone\`.`,
        };
      return { kind: first.toLowerCase() as 'block' | 'unblock', userId };
    }
    default:
      return { kind: 'invalid', error: `I don't know \`/coffee ${first.slice(0, 30).replace(/[`<>]/g, '')}\`.` };
  }
}
