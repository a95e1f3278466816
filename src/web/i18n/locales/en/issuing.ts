/** Messages of issuing's public pages: the badge page, the claim pages, the credential input and the claim emails. */
export const issuing = {
  badge: {
    image: '{name} badge',
    issuedTo: 'Issued to',
    binding: {
      signed: 'The name is part of the signed credential.',
      emailHash:
        'The signed credential identifies its holder by email address (hashed), and it matches the account that accepted it; the name itself is shown by this site, not signed.',
      siteOnly:
        'The name is shown by this site from the account that accepted the badge; the signed credential does not contain it.',
    },
    yourPrivate: 'You made this badge private: visitors see only whether it is valid. Change it in your',
    backpack: 'backpack',
    issuedBy: 'Issued by',
    issuedOn: 'on {date}',
    validUntil: ', valid until {date}',
    verification: 'Verification',
    allChecked: 'The signature, issuer key, dates and status all check out.',
    statusOn: '{verdict} on {date}',
    checkAll: 'Check every step at /verify',
    certifies: 'What it certifies',
    criteriaLabel: 'Criteria:',
    private: {
      title: 'Private badge',
      heading: 'A private badge',
      valid: 'This credential is valid.',
      invalid: 'This credential is not valid.',
      explain:
        'Its earner keeps the details private. If they gave you the credential itself (a file or its text), you can check everything it says at',
    },
    share: {
      heading: 'Share',
      addToLinkedIn: 'Add to LinkedIn profile',
      email: 'Email',
      pageLink: 'Link to this badge page',
      embed: 'Embed on a web page',
      signature: 'Email signature',
      signatureNote: 'verified badge',
      qrAlt: 'QR code linking to this badge page',
      qrCaption: 'Scan to open this badge page',
      qrDownload: 'download the QR code',
      earned: 'I earned {name} from {issuer}',
      mailSubject: 'My badge: {name}',
    },
    download: {
      label: 'Download:',
      json: 'credential (JSON)',
      jwt: 'VC-JWT',
      png: 'baked PNG',
      svg: 'baked SVG',
      ob2: 'Download for older backpacks (Open Badges 2.0)',
      ob2Before: '(or give them the',
      assertionUrl: 'assertion URL',
    },
  },
  issuer: {
    noIdentifier: 'no identifier, so nothing proves who issued it',
    domain: 'domain {domain}',
    verifiedKey: 'verified key',
    keyNotVerified: 'key not verified',
    asStated: '{name} (as stated by the issuer)',
  },
  claim: {
    title: 'Claim {name}',
    issuedBy: 'Issued by',
    to: 'to',
    seeAndVerify: 'See the badge and verify it',
    accept: 'Accept this badge',
    decline: 'Decline this badge',
    otherAccount:
      'This badge was sent to {email}, which belongs to another Cairn account. Log out, then log in to that account to accept it.',
    alsoConfirms:
      'Accepting also confirms {email} on your account as a confirmed address: opening this link proved you read its mail.',
    alsoAdds:
      'Accepting also adds {email} to your account as a confirmed address: opening this link proved you read its mail.',
    acceptOrDecline:
      'Accept the badge to keep it in your account and share it, or decline it. Either way the credential stays valid and verifiable.',
    hasAccount: '{email} has a Cairn account: log in to accept this badge.',
    noAccount: 'Create a free account to accept this badge (or log in, if you already have one).',
    declineWithout: 'Not for you? You can decline it without an account.',
    login: {
      heading: 'Log in',
      headingOther: 'I already have a Cairn account',
      email: 'Email',
      password: 'Password',
      submit: 'Log in',
      forgot: 'Forgot your password?',
    },
    signup: {
      heading: 'Create an account',
      explain:
        'The account uses {email}, already confirmed by this link. You can add more addresses later on your profile.',
      email: 'Email',
      name: 'Your name',
      password: 'Password',
      passwordHint: 'At least 10 characters.',
      submit: 'Create account',
    },
    invalid: {
      title: 'Link not valid',
      heading: 'This claim link is not valid',
      explain:
        'Use the newest link from your email. If you have a Cairn account, badges sent to its confirmed addresses can be claimed after you',
      logIn: 'log in',
    },
    accepted: {
      title: 'Already claimed',
      heading: 'This badge was already claimed',
      explain: '{name} from {issuer} was accepted; this link cannot be used again.',
      see: 'See the badge',
    },
    declined: {
      title: 'Badge declined',
      heading: 'This badge was declined',
      explain:
        '{name} from {issuer} was declined; this link cannot be used again. The credential itself stays valid and verifiable. If declining was a mistake, ask {issuer} to issue it again.',
    },
    expired: {
      title: 'Link expired',
      heading: 'This claim link has expired',
      explain:
        '{name} from {issuer} is still waiting for you. We can send a new link to {email}; it works for {days, plural, one {# day} other {# days}}.',
      renew: 'Send me a new link',
      hint: 'Already have an account with that address confirmed? Log in: you can accept the badge from your account without the link.',
    },
    renewed: {
      title: 'Check your email',
      heading: 'A new link is on its way',
      explain:
        'We sent a fresh claim link to {email}. It works for {days, plural, one {# day} other {# days}}; the old links no longer work.',
    },
    flash: {
      logInFirst: 'Log in or create an account first, then accept the badge.',
      accepted: 'You accepted {name}.',
      acceptedAdded: 'You accepted {name}. {email} is now a confirmed address of your account.',
      declined: 'You declined {name}.',
      signedUp: 'Your account is ready. Now accept or decline the badge.',
    },
  },
  input: {
    paste: 'Paste the credential (JSON or JWS)',
  },
  mail: {
    hello: 'Hello {name},',
    helloAnonymous: 'Hello,',
    button: 'Claim your badge',
    textLink: 'Claim your badge: {link}',
    pasteLink: 'If the button does not work, paste this address into your browser: {link}',
    reason:
      'You received this because {issuer} issued a badge to this address through Cairn. If it is not meant for you, ignore this email or decline the badge on the page the link opens.',
    offer: {
      subject: '{issuer} awarded you {name}',
      lead: '{issuer} awarded you the badge “{name}”. Claim it to keep it in your Cairn account and share it.',
      validity:
        'The link works for {days, plural, one {# day} other {# days}}; after that, open it to get a fresh one.',
    },
    reminder: {
      subject: 'Reminder: your badge {name} is waiting',
      lead: '{issuer} awarded you the badge “{name}”, and it is still waiting for you to accept it.',
      validity: 'The link works for {days, plural, one {# more day} other {# more days}}.',
    },
  },
};
