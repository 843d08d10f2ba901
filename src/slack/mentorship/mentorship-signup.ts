import type { WebClient } from '@slack/web-api';
import type { MentorshipRole } from '../../db/schema-mentorship.ts';
import {
  findMentorshipProgramme,
  findMentorshipSignup,
  type MentorshipProgrammeRow,
} from '../../domain/mentorship/find-programme.ts';
import { type SignupField, saveSignup } from '../../domain/mentorship/save-signup.ts';
import { parseOtherSkills } from '../../domain/mentorship/signup-skills.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface, ViewHandler } from '../platform/surface.ts';
import { actionValue, inputOption, inputOptions, inputText, viewValues } from '../platform/view-state.ts';
import { republishMentorshipHomes } from './mentorship-home-refresh.ts';
import {
  maxMenuOptions,
  openSignupActionId,
  preferenceValues,
  signedUpView,
  signupBlocks,
  signupCallbackId,
  signupModal,
} from './mentorship-signup.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;

/** Opens the sign-up form of `programme` for the person, with their saved answers when they signed up before. */
export async function openSignupModal(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string; triggerId: string },
  programme: MentorshipProgrammeRow,
): Promise<void> {
  const saved = await findMentorshipSignup(deps.db, input.workspaceId, programme.id, input.userId);
  const view = signupModal(
    {
      id: programme.id,
      channelId: programme.channel_id,
      skills: programme.skills,
      maxCapacity: programme.max_capacity,
      defaultCapacity: programme.default_capacity,
    },
    saved && {
      role: saved.role,
      learns: saved.learns,
      teaches: saved.teaches,
      goals: saved.goals,
      capacity: saved.capacity,
      preferOtherTeam: saved.prefer_other_team,
      preferOverlap: saved.prefer_overlap,
    },
  );
  await client.views.open({ trigger_id: input.triggerId, view });
}

function programmeIdOf(view: { private_metadata?: string }): string | undefined {
  try {
    const id = (JSON.parse(view.private_metadata || '{}') as { programmeId?: unknown } | null)?.programmeId;
    return typeof id === 'string' && uuid.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** A whole number as typed; empty means "the programme's default"; anything else is left for the rules to refuse. */
function readCapacity(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

/**
 * The form's errors, each under the block it is about. A skills problem goes under the free-text field when the
 * person typed there (a menu pick cannot be too long), and under the menu otherwise.
 */
function errorBlocks(
  errors: Partial<Record<SignupField, string>>,
  typed: { learns: boolean; teaches: boolean },
  hasMenu: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  const top = [errors.deadline, errors.role].filter(Boolean).join(' ');
  if (top) out[signupBlocks.role.block] = top;
  const skills = (field: 'learns' | 'teaches') => {
    const message = errors[field];
    if (!message) return;
    const other = field === 'learns' ? signupBlocks.learnsOther : signupBlocks.teachesOther;
    out[(typed[field] || !hasMenu ? other : signupBlocks[field]).block] = message;
  };
  skills('learns');
  skills('teaches');
  if (errors.goals) out[signupBlocks.goals.block] = errors.goals;
  if (errors.capacity) out[signupBlocks.capacity.block] = errors.capacity;
  return out;
}

/** The sign-up form: from the channel's "Sign up" button, `/mentor signup`, the status and the Home. */
export function registerMentorshipSignup(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenSignup: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    const id = actionValue(action) ?? '';
    const programme = uuid.test(id) ? await findMentorshipProgramme(deps.db, workspaceId, id) : undefined;
    if (!programme) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'That mentorship programme no longer exists.',
      }).catch(() => {});
      return;
    }
    if (!triggerId) return;
    await openSignupModal(deps, client, { workspaceId, userId: body.user.id, triggerId }, programme);
  };
  surface.action(openSignupActionId, handleOpenSignup);

  const handleSignupSubmitted: ViewHandler = async ({ ack, view, body, context }) => {
    const workspaceId = workspaceOf(context);
    const id = programmeIdOf(view);
    const programme = id ? await findMentorshipProgramme(deps.db, workspaceId, id) : undefined;
    if (!programme) {
      await ack({
        response_action: 'errors',
        errors: { [signupBlocks.role.block]: 'This mentorship programme no longer exists.' },
      });
      return;
    }
    const values = viewValues(view);
    const learnsTyped = parseOtherSkills(inputText(values, signupBlocks.learnsOther));
    const teachesTyped = parseOtherSkills(inputText(values, signupBlocks.teachesOther));
    const preferences = inputOptions(values, signupBlocks.preferences);
    const result = await saveSignup(deps.db, {
      workspaceId,
      programmeId: programme.id,
      userId: body.user.id,
      role: (inputOption(values, signupBlocks.role) ?? '') as MentorshipRole,
      learns: [...inputOptions(values, signupBlocks.learns), ...learnsTyped],
      teaches: [...inputOptions(values, signupBlocks.teaches), ...teachesTyped],
      goals: inputText(values, signupBlocks.goals),
      capacity: readCapacity(inputText(values, signupBlocks.capacity)),
      preferOtherTeam: preferences.includes(preferenceValues.otherTeam),
      preferOverlap: preferences.includes(preferenceValues.overlap),
      now: deps.clock.now(),
    });
    if (!result.ok) {
      const errors =
        'errors' in result
          ? errorBlocks(
              result.errors,
              { learns: learnsTyped.length > 0, teaches: teachesTyped.length > 0 },
              programme.skills.slice(0, maxMenuOptions).length > 0,
            )
          : { [signupBlocks.role.block]: 'This mentorship programme no longer exists.' };
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack({
      response_action: 'update',
      view: signedUpView({
        channelId: programme.channel_id,
        role: result.role,
        learns: result.learns,
        teaches: result.teaches,
        capacity: result.capacity,
      }),
    });
    await republishMentorshipHomes(deps.queues, workspaceId, [body.user.id]);
  };
  surface.view(signupCallbackId, handleSignupSubmitted);
}
