// The send ledger (slack_sends): intent, lease and result of every message sent to Slack, keyed per workspace.
export {
  type Claim,
  claimSend,
  findSend,
  markSent,
  recordSendFile,
  releaseSend,
} from '../../db/queries/slack-sends.ts';
