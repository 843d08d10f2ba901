import type { ModalView } from '@slack/types';
import type { RetentionKind, RetentionSettings } from '../../domain/retention/retention-settings.ts';
import { retentionKinds, retentionLimits } from '../../domain/retention/retention-settings.ts';
import { plural } from '../../domain/text/english.ts';
import { actions, button, context, input, plainText, type SlackMessage, section } from '../platform/block-kit.ts';

export const openRetentionActionId = 'retention_open';
export const retentionCallbackId = 'retention_settings';

export const notRetentionAdminText =
  'Only Nudge admins (Slack workspace admins and owners, and people they name) can see or change how long data is kept.';

/** What each period covers, in the words admins read (also in docs/privacy.md#retention). */
export const retentionLabels: Record<RetentionKind, string> = {
  processed_events_days: 'Slack event ids (duplicate delivery check)',
  send_ledger_days: 'Record of messages sent (exactly-once ledger)',
  checkin_answers_days: 'Check-in answers (pairing and mentorship)',
  feedback_days: 'Mentorship feedback',
  kudos_history_days: 'Kudos history',
  audit_log_days: 'Admin audit log',
  departed_grace_days: 'Days before the data of someone who left Slack is purged',
};

function shown(days: number | null): string {
  return days === null ? 'kept for good' : plural(days, 'day');
}

/** The `/nudge retention` answer: every period as it stands, and a button that opens the modal to change them. */
export function retentionMessage(settings: RetentionSettings): SlackMessage {
  const lines = retentionKinds.map((kind) => `• ${retentionLabels[kind]}: *${shown(settings[kind])}*`);
  return {
    text: 'How long Nudge keeps data in this workspace',
    blocks: [
      section(`*How long Nudge keeps data in this workspace*\n${lines.join('\n')}`),
      context('A daily sweep deletes what is older. Profiles of people still here are kept while they are here.'),
      actions([button({ text: 'Change retention', actionId: openRetentionActionId })]),
    ],
  };
}

export function retentionModal(settings: RetentionSettings): ModalView {
  return {
    type: 'modal',
    callback_id: retentionCallbackId,
    title: plainText('Data retention'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      ...retentionKinds.map((kind) => {
        const days = settings[kind];
        const keepable = kind === 'kudos_history_days';
        return input(
          kind,
          keepable ? `${retentionLabels[kind]}, in days (blank: keep for good)` : `${retentionLabels[kind]}, in days`,
          {
            type: 'number_input',
            action_id: kind,
            is_decimal_allowed: false,
            min_value: String(retentionLimits[kind].min),
            max_value: String(retentionLimits[kind].max),
            ...(days !== null ? { initial_value: String(days) } : {}),
          },
          keepable ? true : undefined,
        );
      }),
    ],
  };
}
