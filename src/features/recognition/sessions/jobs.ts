import { defineJob } from '../../../jobs/definition.ts';
import { sendInvitations } from './commands/uploadRoster.ts';
import { inviteAttendees } from './jobTypes.ts';

/** Emails a session's attendees who are not invited yet (idempotent: each is marked sent with its email). */
export const inviteAttendeesJob = defineJob({
  ...inviteAttendees,
  async handle({ sessionId }, deps) {
    await sendInvitations(deps, sessionId);
  },
});

export const sessionJobs = [inviteAttendeesJob];
