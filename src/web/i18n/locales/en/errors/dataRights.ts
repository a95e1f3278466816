/** Refusals of deleting an account and downloading one’s data. */
export const dataRights = {
  enterPassword: 'Enter your password.',
  typeToConfirm: 'Type “{phrase}” to confirm.',
  lastOwner:
    'You are the only owner of {organisations}. Make someone else an owner (or remove the organisation) before deleting your account.',
  ownAccountOnly: 'You can delete only your own account.',
  wrongPassword: 'That is not your password.',
  ownDataOnly: 'You can download only your own data.',
};
