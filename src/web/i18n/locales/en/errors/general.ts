/** The shared vocabulary's refusals (src/domain): a role that does not allow, fields to fix. */
export const general = {
  forbidden: 'Your role in this organisation does not allow that.',
  someFields: 'Some fields need attention.',
  ownerRole: 'Only an owner can grant or remove the owner role.',
  requestTooLarge: 'That request is too large ({mb} MB at most).',
};
