import { z } from 'zod';
import { emailSchema } from '../../accounts/index.ts';
import { commandMessage } from '../../../web/i18n/commandMessages.ts';

/** What issueCredential takes: the recipient, the achievement (or a catalog micro-credential) and the rest of the credential. */
const iri = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9+.-]*:\S+$/i, commandMessage('errors.issuing.credential.absoluteIri'));
const isoDate = z
  .string()
  .trim()
  .refine(
    (v) => !Number.isNaN(Date.parse(v)) && /T/.test(v),
    commandMessage('errors.issuing.credential.dateTime'),
  );

export const issueCredentialInput = z
  .object({
    recipient: z.object({
      email: emailSchema.optional(),
      did: z
        .string()
        .trim()
        .regex(/^did:[a-z0-9]+:\S+$/, commandMessage('errors.issuing.credential.did'))
        .optional(),
    }),
    /** A published micro-credential of the organisation (public id); or give `achievement` directly. */
    microCredential: z.string().trim().min(1).optional(),
    /** The exact version (an earner keeps the version they applied to); default: the published one. */
    microCredentialVersion: z.number().int().positive().optional(),
    achievement: z
      .object({
        id: iri,
        name: z.string().trim().min(1, commandMessage('errors.issuing.credential.nameAchievement')).max(300),
        description: z
          .string()
          .trim()
          .min(1, commandMessage('errors.issuing.credential.describeAchievement'))
          .max(5000),
        criteria: z.object({ id: iri.optional(), narrative: z.string().trim().max(10000).optional() }),
        image: z.object({ id: iri, caption: z.string().max(300).optional() }).optional(),
        achievementType: z.string().trim().max(100).optional(),
        alignment: z
          .array(
            z.object({
              targetName: z.string().min(1),
              targetUrl: iri,
              targetCode: z.string().optional(),
              targetFramework: z.string().optional(),
              targetDescription: z.string().optional(),
            }),
          )
          .max(50)
          .optional(),
        creditsAvailable: z.number().nonnegative().max(10000).optional(),
        humanCode: z.string().trim().max(100).optional(),
        tag: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
        version: z.string().max(50).optional(),
      })
      .optional(),
    name: z.string().trim().max(300).optional(),
    description: z.string().trim().max(5000).optional(),
    validFrom: isoDate.optional(),
    validUntil: isoDate.optional(),
    creditsEarned: z.number().nonnegative().max(10000).optional(),
    licenseNumber: z.string().trim().max(100).optional(),
    results: z
      .array(
        z.object({
          status: z
            .enum(['Completed', 'Enrolled', 'Failed', 'InProgress', 'OnHold', 'Provisional', 'Withdrew'])
            .optional(),
          value: z.string().max(500).optional(),
          achievedLevel: iri.optional(),
          resultDescription: iri.optional(),
        }),
      )
      .max(100)
      .optional(),
    evidence: z
      .array(
        z.object({
          id: iri.optional(),
          name: z.string().max(300).optional(),
          narrative: z.string().max(20000).optional(),
          description: z.string().max(5000).optional(),
          genre: z.string().max(100).optional(),
        }),
      )
      .max(50)
      .optional(),
    activityStartDate: isoDate.optional(),
    activityEndDate: isoDate.optional(),
    /** ldp: Data Integrity proof (always); jwt: also a VC-JWT (EdDSA); jwt-rs256: the VC-JWT with RS256. */
    formats: z
      .array(z.enum(['ldp', 'jwt', 'jwt-rs256']))
      .min(1)
      .default(['ldp']),
  })
  .refine((v) => v.recipient.email || v.recipient.did, {
    message: commandMessage('errors.issuing.credential.recipient'),
    path: ['recipient.email'],
  })
  .refine((v) => Boolean(v.microCredential) !== Boolean(v.achievement), {
    message: commandMessage('errors.issuing.credential.oneSource'),
    path: ['microCredential'],
  })
  .refine((v) => !v.validUntil || !v.validFrom || Date.parse(v.validUntil) > Date.parse(v.validFrom), {
    message: commandMessage('errors.issuing.credential.validUntil'),
    path: ['validUntil'],
  });
