import { registerCelebrateCommand } from './celebrations/celebrate-command.ts';
import { registerCelebrationDates } from './celebrations/celebration-dates.ts';
import { registerDirectory } from './directory/member-events.ts';
import { registerAppHome } from './home/app-home.ts';
import { registerNudgeCommand } from './home/nudge-command.ts';
import { registerKudosCommand } from './kudos/kudos-command.ts';
import { registerKudosModal } from './kudos/kudos-modal.ts';
import { registerKudosReactions } from './kudos/kudos-reactions.ts';
import { registerMentorRequests } from './mentorship/mentor-requests.ts';
import { registerMentorSuggestions } from './mentorship/mentor-suggestions.ts';
import { registerCoffeeCommand } from './pairing/coffee-command.ts';
import { registerPairingActions } from './pairing/pairing-actions.ts';
import { registerPairingApproval } from './pairing/pairing-approval.ts';
import { registerPairingHome } from './pairing/pairing-home.ts';
import { registerPairingTeams } from './pairing/pairing-teams.ts';
import type { ListenerDeps } from './platform/listener-deps.ts';
import type { SlackSurface } from './platform/surface.ts';
import { registerLifecycle } from './platform/workspace-lifecycle.ts';
import { registerSettings } from './settings/settings.ts';

/** Every listener Nudge has; manifest.yml must declare exactly what these register. */
export function registerListeners(surface: SlackSurface, deps: ListenerDeps): void {
  registerNudgeCommand(surface, deps);
  registerKudosCommand(surface, deps);
  registerKudosReactions(surface, deps);
  registerKudosModal(surface, deps);
  registerSettings(surface, deps);
  registerCoffeeCommand(surface, deps);
  registerPairingActions(surface, deps);
  registerPairingApproval(surface, deps);
  registerPairingHome(surface, deps);
  registerPairingTeams(surface, deps);
  registerMentorSuggestions(surface, deps);
  registerMentorRequests(surface, deps);
  registerCelebrateCommand(surface, deps);
  registerCelebrationDates(surface, deps);
  registerAppHome(surface, deps);
  registerLifecycle(surface, deps);
  registerDirectory(surface, deps);
}
