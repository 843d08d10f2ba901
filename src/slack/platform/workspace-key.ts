/** Slack's identity of where a request came from, as Bolt's context and installations carry it. */
export interface SlackTenant {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * Nudge's workspace key: an org-wide (Enterprise Grid) install is one workspace keyed by its enterprise ID;
 * every other install is keyed by its team ID.
 */
export function workspaceKey(tenant: SlackTenant): string | undefined {
  if (tenant.isEnterpriseInstall) return tenant.enterpriseId;
  return tenant.teamId;
}
