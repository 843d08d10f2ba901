/**
 * Thrown by authorization when this install does not serve the request's workspace: another team, never
 * installed, or uninstalled. Only this becomes a 401; any other authorization failure (Postgres briefly away,
 * say) is a temporary fault and gets the usual "try again" answer instead.
 */
export class WorkspaceNotServedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceNotServedError';
  }
}

/** Whether `error` or anything it wraps (Bolt nests authorization failures in `original`) is a WorkspaceNotServedError. */
export function isWorkspaceNotServed(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current instanceof WorkspaceNotServedError) return true;
    current = (current as { original?: unknown }).original ?? current.cause;
  }
  return false;
}
