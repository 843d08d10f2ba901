import type { ModalView } from '@slack/types';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { SlackSurface, ViewHandler } from '../platform/surface.ts';
import { inputText, viewValues } from '../platform/view-state.ts';
import { isAdmin } from './settings.ts';

/**
 * The submission of an admin CSV import's first modal (celebration dates, pairing teams): checks the admin again,
 * then the pasted text's size, and answers with the preview, or with the problem under the CSV field.
 */
export function registerCsvImportPreview<Preview extends { ok: true }>(
  surface: SlackSurface,
  deps: ListenerDeps,
  spec: {
    callbackId: string;
    csvInput: { block: string; action: string };
    maxCsvLength: number;
    notAdminText: string;
    preview: (workspaceId: string, csv: string) => Promise<Preview | { ok: false; error: string }>;
    previewView: (preview: Preview, csv: string) => ModalView;
  },
): void {
  const handleImportPreviewSubmitted: ViewHandler = async ({ ack, view, body, client, context }) => {
    const workspaceId = workspaceOf(context);
    const block = spec.csvInput.block;
    if (!(await isAdmin(deps, client, workspaceId, body.user.id))) {
      await ack({ response_action: 'errors', errors: { [block]: spec.notAdminText } });
      return;
    }
    const csv = inputText(viewValues(view), spec.csvInput);
    if (csv.trim() === '' || csv.length > spec.maxCsvLength) {
      await ack({
        response_action: 'errors',
        errors: { [block]: `Paste the CSV here (up to ${spec.maxCsvLength} characters; import a long list in parts).` },
      });
      return;
    }
    const preview = await spec.preview(workspaceId, csv);
    if (!preview.ok) {
      await ack({ response_action: 'errors', errors: { [block]: preview.error } });
      return;
    }
    await ack({ response_action: 'update', view: spec.previewView(preview, csv) });
  };
  surface.view(spec.callbackId, handleImportPreviewSubmitted);
}
