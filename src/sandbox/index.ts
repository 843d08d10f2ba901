/**
 * The Slack sandbox's one entry point: a Slack-compatible Web API server plus a driver that sends signed Slack
 * requests to an app, and the browser UI. Tests point the real @slack/web-api client at `sandbox.apiUrl` and
 * Bolt's receiver at the driver. Self-contained on purpose: it imports nothing from the bot, the bot never
 * imports it, and code outside src/sandbox imports nothing else in it (test/unit/sandbox-boundary.test.ts).
 * See README.md beside this file.
 */
export { checkMessageBlocks, checkView, MESSAGE_MAX_BLOCKS, VIEW_MAX_BLOCKS } from './block-kit-limits.ts';
export { DEMO_CHANNELS, DEMO_PROFILE_FIELDS, seedDemoWorkspace } from './demo-workspace.ts';
export { type CommandAnswer, commandAnswer } from './driver/command-answer.ts';
export { slackSignature } from './driver/sign.ts';
export { formatTs, parseTs } from './ids.ts';
export {
  POST_MESSAGE_PER_CHANNEL,
  POST_MESSAGE_WORKSPACE_PER_MINUTE,
  type RateTier,
  retryAfterSeconds,
} from './rate-limits.ts';
export type { SocketModeTimings } from './socket-mode/socket-mode-server.ts';
export { startSandbox } from './start-sandbox.ts';
export type {
  ChannelSpec,
  ConversationKind,
  DriverOptions,
  DriverResponse,
  EphemeralMessage,
  InjectedFailure,
  MessageMetadata,
  OpenView,
  ProfileFieldValue,
  Reaction,
  RecordedCall,
  ResponseUrlPost,
  Sandbox,
  SandboxChannel,
  SandboxFile,
  SandboxOptions,
  SandboxUser,
  SeededWorkspace,
  SlackDriver,
  StoredMessage,
  UsergroupSpec,
  UserSpec,
  WorkspaceSpec,
} from './types.ts';
export { type ComposeDirectory, composeText, splitCommand } from './ui/compose-text.ts';
export {
  createSandboxUi,
  type SandboxUi,
  type SandboxUiCommand,
  type SandboxUiOptions,
} from './ui/create-sandbox-ui.ts';
export { METHODS as SANDBOX_METHODS } from './web-api/method-table.ts';
