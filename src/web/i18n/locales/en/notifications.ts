/** The inbox, its settings, each kind of notification in words, and the emails that carry them. */
export const notifications = {
  inbox: {
    title: 'Inbox',
    unread: '{count, plural, =0 {Nothing unread.} one {# unread.} other {# unread.}}',
    settingsLink: 'Choose what is emailed to you',
    views: 'Inbox views',
    all: 'All',
    unreadOnly: 'Unread only',
    markAllRead: 'Mark all read',
    noOlder: 'No older notifications.',
    none: 'No notifications yet. When someone assigns you work or decides on yours, it appears here.',
    new: 'New:',
    markRead: 'Mark read',
    older: 'Older notifications',
    badPage: 'That page of the inbox does not exist.',
  },
  settings: {
    title: 'Notification settings',
    intro:
      'Everything appears in your inbox. Choose, for each kind, whether Cairn also emails you at once, once a day in a digest, or not at all.',
    inboxLink: 'Open your inbox',
    kindLabel: '{label} ({audience})',
    emailedByFlow:
      'Cairn always emails this one as part of its own flow (the badge’s claim email, the review decision, the submission thread), so your choice here changes only the inbox.',
    save: 'Save settings',
    chooseOption: 'Choose one of the options.',
    invalid: 'Some choices are not valid.',
    saved: 'Notification settings saved.',
    deliveries: {
      in_app: 'In Cairn only',
      email: 'In Cairn and by email at once',
      digest: 'In Cairn and in a daily email digest',
    },
  },
  flash: {
    markedAll:
      '{count, plural, =0 {Nothing to mark read.} one {One notification marked read.} other {# notifications marked read.}}',
    marked: 'Marked read.',
  },
  kinds: {
    submission_assigned: { label: 'A submission is assigned to you for review', audience: 'reviewers' },
    proof_submitted: {
      label: 'A certificate of completion arrives for your organisation',
      audience: 'issuing staff',
    },
    application_reviewed: {
      label: 'Your submission is reviewed (passed, sent back, approved or rejected)',
      audience: 'earners',
    },
    badge_issued: { label: 'A badge is issued to you', audience: 'earners' },
    badge_status: { label: 'One of your badges is revoked, suspended or reinstated', audience: 'earners' },
    program_submission: {
      label: 'A program is submitted for approval, or decided',
      audience: 'recognition officers and issuers',
    },
    license_decided: { label: 'A recognizer confirms or rejects your license link', audience: 'earners' },
  },
  present: {
    submission_assigned: {
      title: 'Review “{title}”, attempt {number}',
      body: 'A submission for {title} ({organisation}) is assigned to you. Score it against the rubric and write feedback.',
      link: 'Open the review',
    },
    proof_submitted: {
      title: 'Certificate to check: {title}',
      body: '{earner} submitted a certificate of completion for {title}. Check it and decide from the proof queue.',
      link: 'Open the proof queue',
    },
    application_reviewed: {
      title:
        '{decision, select, passed {Your application for “{title}” passed} approved {Your application for “{title}” was approved} needs_revision {Your application for “{title}” needs revision} rejected {Your application for “{title}” was not approved} other {Your application for “{title}” was reviewed}}',
      body: '{organisation} reviewed your submission for {title}. {decision, select, passed {Congratulations: your badge is being issued.} approved {Congratulations: your badge is being issued.} needs_revision {Read the reviewer’s feedback, improve your evidence and submit again.} rejected {Read why on the application page.} other {See the outcome on the application page.}}',
      linkFeedback: 'Read the feedback',
      link: 'Open the application',
    },
    badge_issued: {
      title: 'New badge: {title}',
      body: '{organisation} issued you the badge “{title}”. Accept it in your backpack to show and share it.',
      link: 'Open your backpack',
    },
    badge_status: {
      title:
        '{status, select, reinstated {Your badge “{title}” is valid again} suspended {Your badge “{title}” is suspended} other {Your badge “{title}” was revoked}}',
      body: '{organisation} changed the status of your badge “{title}”: {status, select, reinstated {it is valid again.} suspended {it is suspended.} other {it was revoked.}}',
      reason: 'The reason given: {reason}',
      link: 'Open the badge',
    },
    program_submission: {
      titleToApprove: 'Program to approve: {title}',
      titleDecision: 'Program decision: {title}',
      submitted: '{issuer} submitted “{title}” to {program} for approval.',
      resubmitted: '{issuer} resubmitted “{title}” to {program} for approval.',
      approved: '{recognizer} approved “{title}” for {program}.',
      rejected: '{recognizer} did not approve “{title}” for {program}.',
      changes_requested: '{recognizer} asks for changes to “{title}” before approving it for {program}.',
      changed: 'The submission of “{title}” to {program} changed.',
      link: 'Open the submission',
    },
    license_decided: {
      titleConfirmed: 'License {licenseNumber} confirmed',
      titleRejected: 'License {licenseNumber} not confirmed',
      confirmed:
        '{organisation} confirmed your license {licenseNumber} for {program}. Your badges now count toward its renewal.',
      rejected: '{organisation} could not confirm your license {licenseNumber} for {program}.',
      fix: 'Correct it and link it again.',
      link: 'Open your licenses',
    },
    other: { title: 'Something changed', body: 'Something you follow changed.', link: 'Open Cairn' },
  },
  mail: {
    hello: 'Hello {name},',
    reason:
      'You receive this because of your notification settings on Cairn. Choose what is emailed to you: {link}',
    digestSubject: '{count, plural, one {Your Cairn digest: # update} other {Your Cairn digest: # updates}}',
    digestLead: 'Here is what happened since your last digest:',
    inbox: 'Your inbox: {link}',
    openInbox: 'Open your inbox',
  },
} as const;
