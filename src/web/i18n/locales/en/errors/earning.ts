/**
 * What the earning commands answer (applying, evidence, reviews, calibration, outcomes, teams):
 * English for the JSON API, recognised and re-said on pages.
 */
export const earningErrors = {
  apply: {
    notByEvidence:
      'This micro-credential is not earned by submitting evidence; its issuer awards it directly.',
    alreadyOpen: 'You already have an open application for this micro-credential.',
    alreadyClosed: 'This application is already closed.',
  },
  evidence: {
    notOpen: 'This application is not open for changes now.',
    cannotSubmit: 'This application cannot be submitted now.',
    deadlinePassed: 'The deadline has passed.',
    noSuchPart: 'There is no such evidence part.',
    uploadFile: 'Upload a file for this part.',
    fullAddress: 'Enter a full web address starting with https://.',
    tooManyWords: 'Use at most {max} words (you have {count}).',
    needsAttention: 'Some evidence needs attention.',
    someNeedAttention: 'Some evidence needs attention; the rest is saved.',
    missing: 'Missing: {prompt}',
    someMissing: 'Some required evidence is missing.',
    noFile: 'This part does not take a file.',
    emptyFile: 'The file is empty.',
    fileTooLarge: 'Files for this part are limited to {max} MB.',
    fileType: 'Upload a PDF, an image (PNG, JPEG), an Office document or an MP4 video.',
  },
  review: {
    overallFeedback: 'Write overall feedback for the earner.',
    decide: 'Decide: pass or needs revision.',
    scoreCriterion: 'Score “{criterion}”.',
    scoreEvery: 'Score every criterion of the rubric.',
    mustPass: 'These scores meet the rubric’s pass rule, so the decision must be “pass”.',
    mustRevise: 'These scores do not meet the rubric’s pass rule, so the decision must be “needs revision”.',
    contradicts: 'The decision contradicts the scores.',
    alreadyReviewed: 'This submission has already been reviewed.',
    reviewedAlready: 'That submission has been reviewed already.',
    withdrawn: 'The earner withdrew this application.',
    notEligible: 'Choose a reviewer of this organisation other than the earner.',
    calibrateReviewed: 'Calibrate reviewed submissions: this one has no first review yet.',
    noSecondReviewer: 'There is no other eligible reviewer for a second review.',
    calibrationDone: 'This calibration review is done.',
  },
  outcome: {
    dateFormat: 'Use a date like 2026-05-01.',
    peerReviewed: 'This micro-credential is earned through peer-reviewed evidence, not recorded outcomes.',
    enterScore: 'Enter the assessment score.',
    scoreRange: 'Enter the score (0–100).',
    belowPassMark: 'A score of {score} is below the passing score of {passingScore}.',
  },
  teams: {
    name: 'Name the team.',
    chooseMicroCredentials: 'Choose at least one micro-credential to work on together.',
    notInCatalog: 'Some micro-credentials are not in the catalog.',
    choosePublished: 'Choose published micro-credentials.',
    invitationUsed: 'This team invitation has expired or was used.',
    alreadyMember: 'You are already in this team.',
    confirmAddress: 'This invitation was sent to {email}; confirm that address on your profile first.',
  },
};
