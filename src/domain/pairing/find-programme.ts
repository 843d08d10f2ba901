// Programme lookups for listeners and background work.
export {
  findProgramme,
  findProgrammeByChannel,
  findProgrammeByGroupConversation,
  findProgrammeMember,
  findProgrammes,
  type Programme,
} from '../../db/queries/pairing.ts';
