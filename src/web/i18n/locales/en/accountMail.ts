/** The account emails (src/mail/templates.tsx): address confirmation, password reset and change, invitations. */
export const accountMail = {
  hello: 'Hello {name},',
  helloNoName: 'Hello,',
  confirm: {
    subjectNew: 'Confirm the address you added to Cairn',
    subjectSignUp: 'Confirm your email to finish creating your Cairn account',
    leadNew: 'You added this address to your Cairn account. Confirm it so badges sent here reach you.',
    leadSignUp: 'Welcome to Cairn. Confirm your email address to finish creating your account.',
    reason:
      'You received this because this address was entered on Cairn. If it was not you, ignore this email: nothing happens until the link is opened.',
    button: 'Confirm my email',
    textLink: 'Confirm: {link}',
    expires: 'The link works for 48 hours.',
    fallback:
      'The link works for 48 hours. If the button does not work, paste this address into your browser: {link}',
  },
  reset: {
    subject: 'Reset your Cairn password',
    reason:
      'You received this because someone asked to reset the password of the Cairn account with this address. If it was not you, ignore this email; your password stays as it is.',
    lead: 'Someone, hopefully you, asked to reset your Cairn password.',
    textLink: 'Choose a new password here: {link}',
    button: 'Choose a new password',
    expires: 'The link works for 2 hours and only once: {link}',
    expiresText: 'The link works for 2 hours and only once.',
  },
  changed: {
    subject: 'Your Cairn password was changed',
    reason: 'You received this because the password of your Cairn account changed.',
    lead: 'Your Cairn password was just changed and every session was logged out.',
    notYou: 'If this was not you, reset your password now: {link}',
    notYouBefore: 'If this was not you, ',
    notYouLink: 'reset your password now',
  },
  invitation: {
    subject: '{inviter} invited you to join {organisation} on Cairn',
    reason:
      'You received this because {inviter} entered this address at {organisation}. If you do not expect it, ignore this email.',
    lead: '{inviter} invited you to join {organisation} on Cairn as: {roles}.',
    textLink: 'Accept: {link}',
    button: 'See the invitation',
    expires:
      'The invitation works for {days, plural, one {# day} other {# days}}. Log in, or create an account with this address, to accept it.',
  },
};
