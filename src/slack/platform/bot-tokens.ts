/** Where jobs get a workspace's bot token: Postgres (OAuth installs) or the configured single token. */
export interface BotTokens {
  tokenFor(workspaceId: string): Promise<string | undefined>;
}
