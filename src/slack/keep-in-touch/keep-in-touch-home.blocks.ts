import type { KnownBlock } from '@slack/types';
import type { KeepInTouchOverview } from '../../domain/keep-in-touch/contacts.ts';
import { actions, button, context, divider, header, section, slackDate } from '../platform/block-kit.ts';
import { openAddContactActionId, removeContactActionId } from './keep-in-touch.blocks.ts';

/** The section never takes more than this many of the Home tab's 100 blocks. */
export const maxKeepInTouchHomeBlocks = 8;
const shownContacts = 4;

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** The App Home's *Keep in touch*: the soonest due first, each with Remove, and an Add button. */
export function keepInTouchHomeBlocks(overview: KeepInTouchOverview): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), header('Keep in touch')];
  for (const c of overview.contacts.slice(0, shownContacts)) {
    const next = c.snoozed_until && c.snoozed_until > c.due_at ? c.snoozed_until : c.due_at;
    const weeks = c.cadence_weeks === 1 ? 'week' : `${c.cadence_weeks} weeks`;
    blocks.push(
      section(
        `<@${c.contact_id}>\nEvery ${weeks} · next ${slackDate(next, dayFormat.format(next))}`,
        button({ text: 'Remove', actionId: removeContactActionId, value: c.contact_id }),
      ),
    );
  }
  const more = overview.contacts.length - shownContacts;
  const notes = [
    overview.contacts.length === 0
      ? 'Add colleagues you want to keep up with: once a week at most, Nudge reminds you of the ones you are overdue with.'
      : '',
    more > 0 ? `And ${more} more: \`/nudge keep-in-touch\` lists everyone.` : '',
    overview.optedOut ? 'Reminders are off. Adding someone turns them on again.' : '',
  ].filter((n) => n !== '');
  if (notes.length > 0) blocks.push(context(notes.join(' ')));
  blocks.push(actions([button({ text: 'Add someone', actionId: openAddContactActionId })]));
  return blocks;
}
