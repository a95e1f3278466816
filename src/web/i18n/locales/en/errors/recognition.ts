/**
 * What the recognition commands answer (programs, submissions, endorsements, pre-approved
 * sessions and rosters): English for the JSON API, recognised and re-said on pages.
 */
export const recognitionErrors = {
  keepUnder: 'Keep it under {max} characters.',
  notADate: 'That is not a date.',
  program: {
    name: 'Name the program.',
    nameExample: 'Name the program, e.g. “Educator license renewal”.',
    nameMax: 'Keep the name under 200 characters.',
    licenseName: 'Name the credential the program maintains.',
    licenseNameExample: 'Name the credential the program maintains, e.g. “Educator license”.',
    cycleWholeYears: 'Give the renewal cycle in whole years (1–20).',
    cycleRange: 'A renewal cycle is 1 to 20 years.',
    hoursRequired: 'Give the credit hours required per cycle, e.g. 150.',
    hoursRequiredNegative: 'The hours required cannot be negative.',
    hoursRequiredMax: 'The hours required are at most 10000.',
    unitRule:
      'Choose how an approved micro-credential counts: a fixed number of hours or its own credit hours.',
    fixedHoursNumber: 'Hours per micro-credential must be a number of hours, e.g. 0.5.',
    fixedHoursNegative: 'Hours per micro-credential cannot be negative.',
    fixedHoursMax: 'Hours per micro-credential is at most 10000 hours.',
    capNumber: 'The cap per cycle must be a number of hours, e.g. 0.5.',
    capNegative: 'The cap per cycle cannot be negative.',
    capMax: 'The cap per cycle is at most 10000 hours.',
    posting: 'Choose automatic posting or posting after review.',
    fixedHoursMissing:
      'With the fixed rule, give the hours each approved micro-credential counts for, e.g. 0.5.',
    fixedHoursZero: 'Hours per micro-credential must be more than 0.',
    capZero: 'A cap of 0 hours would count nothing: leave it empty for no cap.',
    capOverRequired: 'The cap per cycle cannot exceed the hours required per cycle.',
    nameTaken: 'A program with that name exists.',
    nameTakenField: '“{name}” is already a program of {organisation}.',
    recognizersOnly:
      'Only recognizer organisations run recognition programs. An administrator can change the organisation’s kind.',
    shorterUrl: 'Use a shorter URL.',
    webhookUrl:
      'Use an http(s) URL such as https://board.example.gov/cairn-notices, or leave it empty to turn the webhook off.',
  },
  submit: {
    chooseVersion: 'Choose a version.',
    chooseProgram: 'Choose a recognition program.',
    statement: 'Explain how competency is verified and endorsed (assessment, reviewers, rubric).',
    chooseOne: 'Choose one micro-credential, pathway or stack to submit.',
    alreadyWaiting: 'This is already waiting for review in that program. Comment on it, or resubmit from it.',
    alreadyWaitingAs:
      'This is already waiting for review in that program (submission {submission}). Comment on it, or resubmit from it.',
    issuersOnly: 'Only issuer organisations submit micro-credentials for recognition.',
    chooseOpenProgram: 'Choose an open recognition program from the list.',
    notOwnProgram:
      'An organisation cannot recognize its own micro-credentials: choose another recognizer’s program.',
    chooseMicroCredential: 'Choose a micro-credential of this organisation.',
    publishFirst: 'Publish the micro-credential first: only a published version can be submitted.',
    noSuchVersion: 'There is no version {version}.',
    versionDraft:
      'Version {version} is a draft: publish it first. Only the published version can be submitted.',
    versionSuperseded:
      'Version {version} is superseded: submit the published version first. Only the published version can be submitted.',
    choosePathway: 'Choose a pathway of this organisation.',
    chooseStack: 'Choose a stack of this organisation.',
    resubmissionFollows:
      'A resubmission follows an earlier submission of the same micro-credential to the same program.',
    previousWithdrawn: 'That submission was withdrawn: submit afresh instead.',
    previousSuperseded: 'That submission was already resubmitted: follow the newer one.',
    versionApproved: 'Version {version} is already approved in that program.',
    alreadyApproved: 'This is already approved in that program.',
  },
  decide: {
    writeComment: 'Write your comment.',
    rejectReasons: 'Give the reasons for rejecting it.',
    changesNeeded: 'Say what needs to change.',
    hoursGranted: 'Give the credit hours granted, e.g. 0.5.',
    hoursGrantedNegative: 'The hours granted cannot be negative.',
    hoursGrantedMax: 'The hours granted are at most 1000.',
    twoDecimals: 'Use at most two decimals.',
    endsOnFormat: 'Use a date such as 2031-06-30.',
    endsOnPast: 'The end date cannot be in the past.',
    ownSubmission:
      'You submitted this micro-credential of your own organisation: another recognition officer decides it.',
    /** A decision on a submission that is not open for it, by the submission's status. */
    notDecidable: {
      submitted: 'This submission is awaiting review: it cannot be decided now.',
      changes_requested:
        'This submission is already waiting for the issuer’s changes: it cannot be sent back now.',
      approved: 'This submission is approved: it cannot be decided again.',
      rejected: 'This submission is rejected: it cannot be decided again.',
      withdrawn: 'This submission was withdrawn: it cannot be decided now.',
      superseded: 'This submission was superseded by a resubmission: decide the newer one.',
    },
    /** Withdrawing a submission that is no longer open, by its status. */
    notWithdrawable: {
      submitted: 'This submission is awaiting review: it cannot be withdrawn now.',
      changes_requested: 'This submission is waiting for your changes: it cannot be withdrawn now.',
      approved: 'This submission is approved: only an open submission can be withdrawn.',
      rejected: 'This submission is rejected: only an open submission can be withdrawn.',
      withdrawn: 'This submission is withdrawn already.',
      superseded:
        'This submission was superseded by a resubmission: only an open submission can be withdrawn.',
    },
  },
  endorse: {
    commentMax: 'Keep the endorsement comment under 2000 characters.',
    schema: 'The endorsement would not satisfy the Open Badges 3.0 schema: {problems}',
    notOwn: 'An organisation does not endorse its own micro-credentials.',
    approvedOnly: 'Only an approved submission can be endorsed.',
    versionsOnly: 'Endorsements are issued for approved micro-credential versions.',
    already: 'This approval is already endorsed.',
  },
  sessions: {
    chooseSession: 'Choose the pre-approved session you completed.',
    notPreApproved: 'That session is not among the pre-approved sessions.',
    declineReason: 'Say why the session is declined: the provider reads it.',
    /** Deciding a session no longer awaiting a decision, by its status. */
    notDecidable: {
      approved: 'This session is approved: it cannot be decided now.',
      declined: 'This session is declined: it cannot be decided now.',
      withdrawn: 'This session is withdrawn: it cannot be decided now.',
    },
    /** Withdrawing a session no longer awaiting a decision, by its status. */
    notWithdrawable: {
      approved: 'This session is approved: only a session awaiting a decision can be withdrawn.',
      declined: 'This session is declined: only a session awaiting a decision can be withdrawn.',
      withdrawn: 'This session is withdrawn: only a session awaiting a decision can be withdrawn.',
    },
    microCredential: 'Choose the council’s micro-credential the session leads to.',
    proofMicroCredential:
      'Choose a published micro-credential that is earned with a certificate of completion.',
    title: 'Give the session’s title.',
    presenter: 'Name the presenter.',
    description: 'Describe the content: the agenda and what attendees will be able to do.',
    firstDay: 'Give the first day, e.g. 2026-04-18.',
    firstDayFormat: 'Write the first day as a date such as 2026-04-18.',
    firstDayNotDate: 'The first day is not a date.',
    lastDay: 'Give the last day, e.g. 2026-04-18.',
    lastDayFormat: 'Write the last day as a date such as 2026-04-18.',
    lastDayNotDate: 'The last day is not a date.',
    lastBeforeFirst: 'The last day cannot be before the first day.',
    contactHours: 'Give the contact hours, e.g. 3 or 1.5.',
    contactHoursPositive: 'The contact hours must be more than 0.',
    contactHoursMax: 'The contact hours are at most 1000.',
    quarterHours: 'Use quarter hours at most (e.g. 1.25).',
  },
  roster: {
    notApproved: 'Upload the roster once the council has approved the session.',
    chooseFile: 'Choose the roster’s CSV file.',
    tooLarge: 'The roster is larger than 1 MB: split it into several files.',
    noAttendees: 'The file has no attendees: one line per attendee, name then email.',
    tooMany: 'Upload at most {max} attendees at a time.',
    linesNeedAttention: 'Some roster lines need attention.',
    badEmails: 'Nothing was uploaded. Give a valid email address on line {lines}.',
    noNames: 'Nothing was uploaded. Give a name on line {lines}.',
    badEmailsAndNoNames:
      'Nothing was uploaded. Give a valid email address on line {emailLines} and a name on line {nameLines}.',
  },
};
