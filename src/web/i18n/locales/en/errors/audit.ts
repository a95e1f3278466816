/** The audit log filters a reader can get wrong. */
export const audit = {
  dateFormat: 'Use a date like 2026-03-31.',
  notADay: 'That is not a date on the calendar.',
  actionLong: 'An action is at most 100 characters.',
  actorLong: 'An email address is at most 320 characters.',
  subjectLong: 'A subject is at most 200 characters.',
  olderLink: 'Use the “Older events” link to page.',
  limit: 'Ask for 1 to {maximum} events.',
  endBeforeStart: 'The end date is before the start date.',
};
