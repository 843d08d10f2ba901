// The workspace row (status, time zone) for listeners and background work.
export { findWorkspace } from '../../db/queries/workspaces.ts';
