/**
 * The parts of Slack's user object (users.list, users.info, user_change, team_join) the directory keeps.
 * Declared here as plain data so the domain needs no Slack SDK types.
 */
export interface SlackUserObject {
  id?: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  is_app_user?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  tz?: string | null;
  tz_offset?: number;
  profile?: {
    display_name?: string;
    real_name?: string;
    title?: string;
    email?: string;
    status_text?: string;
    status_emoji?: string;
    /** Unix seconds when Slack clears the status; 0 when it never does. */
    status_expiration?: number;
    fields?: Record<string, { value?: string; alt?: string } | null> | null;
  };
}
