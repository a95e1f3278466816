import { z } from 'zod';
import { jobType } from '../../../jobs/definition.ts';

/** Emails the roster's attendees of a session who are not invited yet. */
export const inviteAttendees = jobType('sessions.invite', z.object({ sessionId: z.number().int() }));
