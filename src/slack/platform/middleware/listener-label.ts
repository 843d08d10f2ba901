/** A stable, low-cardinality name for what a request is, for metrics and logs. */
export function listenerLabel(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return `command:${body.command}`;
  const type = body.type;
  if (type === 'event_callback') {
    const event = body.event as { type?: string } | undefined;
    return `event:${event?.type ?? 'unknown'}`;
  }
  if (type === 'block_actions') {
    const action = (body.actions as Array<{ action_id?: string }> | undefined)?.[0];
    return `action:${action?.action_id ?? 'unknown'}`;
  }
  if (type === 'view_submission' || type === 'view_closed') {
    const view = body.view as { callback_id?: string } | undefined;
    return `${type === 'view_submission' ? 'view' : 'view_closed'}:${view?.callback_id ?? 'unknown'}`;
  }
  if (type === 'shortcut' || type === 'message_action') return `shortcut:${String(body.callback_id ?? 'unknown')}`;
  if (type === 'block_suggestion') return `options:${String(body.action_id ?? 'unknown')}`;
  return `other:${typeof type === 'string' ? type : 'unknown'}`;
}
