import { ROLES, type Role } from '../domain/roles.ts';
import type { Storage } from '../storage/database.ts';
import type { ManualClock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from './factories.ts';
import { unique } from './databases.ts';
import { completeDesign } from './catalogFixtures.ts';
import { testCredentialServices } from './http.ts';
import { createMicroCredential } from '../features/catalog/commands/createMicroCredential.ts';
import { publishDraft } from '../features/catalog/commands/publishDraft.ts';
import { createStack } from '../features/catalog/commands/createStack.ts';
import { updateDraft } from '../features/catalog/commands/updateDraft.ts';
import { applyForMicroCredential } from '../features/earning/commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../features/earning/commands/submitEvidence.ts';
import { issueCredential } from '../features/issuing/commands/issueCredential.ts';
import { createApiToken } from '../features/accounts/commands/createApiToken.ts';
import {
  createCollection,
  addToCollection,
  shareCollection,
  importBadge,
} from '../features/backpack/index.ts';
import { createProgram } from '../features/recognition/commands/createProgram.ts';
import { submitProgram } from '../features/recognition/commands/submitProgram.ts';
import { linkLicense } from '../features/credit/commands/linkLicense.ts';
import { inviteMember } from '../features/accounts/commands/inviteMember.ts';
import { createTeam, inviteToTeam } from '../features/earning/teams/teams.ts';
import { createAwardRun } from '../features/issuing/commands/bulkAward.ts';
import { csvStream } from './awardFixtures.ts';
import { evidencePdf } from './dataRightsFixtures.ts';
import { saveEvidenceFile } from '../features/earning/commands/submitEvidence.ts';
import { reviewAttempt } from '../features/earning/commands/reviewAttempt.ts';
import { requestSecondReview } from '../features/earning/commands/calibration.ts';
import { setBadgeImage } from '../features/catalog/commands/setBadgeImage.ts';
import { uploadCertificate, submitProof } from '../features/payments/commands/certificate.ts';
import { approveProgramSubmission } from '../features/recognition/commands/approveProgramSubmission.ts';
import { endorseProgramSubmission } from '../features/recognition/commands/endorseProgramSubmission.ts';
import { createCompletionNotices } from '../features/credit/commands/createCompletionNotices.ts';
import { bakeSvg } from '../credentials/baking/index.ts';
import { defaultBadgeSvg } from '../credentials/badgeImage.ts';
import { publicId } from '../domain/ids.ts';
import { createSubscription } from '../features/webhooks/createSubscription.ts';
import { approvedSessions } from './sessionFixtures.ts';
import { requestSession } from '../features/recognition/sessions/commands/requestSession.ts';
import { decideSession } from '../features/recognition/sessions/commands/decideSession.ts';

/** A valid request for pre-approval of a session against a proof-of-completion micro-credential. */
export const ceSessionRequest = (microCredential: string) => ({
  microCredential,
  title: `Session ${unique('')}`,
  startsOn: '2026-05-02',
  hours: 3,
  presenter: 'A. Presenter',
  description: 'Agenda: theory, practice, knowledge check.',
});
import { createPathway } from '../features/catalog/commands/createPathway.ts';

export type TestUser = Awaited<ReturnType<typeof buildUser>>;

/**
 * One organisation (kind "both": issuer and recognizer) with a member for every role, an earner
 * who is not a member, an API token, and one of each thing the routes take by id: a published
 * micro-credential and a stack, the earner's submitted application (assigned to the reviewer) with
 * an evidence file, another earner's reviewed attempt with a second review asked of the reviewer,
 * the earner's proof-of-completion application (program A) with its certificate and unpaid fee, an
 * issued credential (with a VC-JWT) and its claim link, a badge image, a collection holding the
 * credential and an imported baked badge (shared), a second imported badge, a connection to
 * another backpack host (its tokens run out), a recognition program with an open and an approved
 * (endorsed) submission, a completion notice and the earner's license record, an invitation, a
 * team, a bulk award run and mail in the outbox. Authorization tests build two and ask each for
 * the other's things.
 */
export interface AuthzWorld {
  org: { id: number; slug: string; public_id: string };
  members: Record<Role, TestUser>;
  earner: TestUser;
  earnerEmailId: number;
  token: string;
  tokenId: string;
  mc: { publicId: string; slug: string };
  stack: { publicId: string; slug: string };
  application: string;
  attempt: string;
  /** A file of the earner's application (part 1), in the attempt the reviewer is assigned. */
  evidenceFile: string;
  /** Another earner's attempt, reviewed (passed) by a second reviewer. */
  reviewedAttempt: string;
  /** The calibration review of `reviewedAttempt` asked of the `reviewer` member. */
  secondReview: string;
  /** The earner's proof-of-completion application: certificate submitted, fee not paid. */
  proofApplication: string;
  payment: string;
  badgeImage: string;
  credential: string;
  /** The credential's public page (for ?url= of oEmbed). */
  badgeUrl: string;
  claimToken: string;
  statusList: string;
  collection: string;
  collectionItem: number;
  shareToken: string;
  imported: string;
  /** An imported baked SVG (it has an image), in the shared collection. */
  importedImage: string;
  /** The earner's connection to another OB 3.0 host, whose tokens have run out (nothing is sent). */
  connection: string;
  program: string;
  /** This organisation's submission to a partner's program (issuer side). */
  submission: string;
  /** A continuing-education session of its own, approved (the organisation is provider and council). */
  ceSession: string;
  /** The proof-of-completion micro-credential sessions are asked against. */
  proofMicroCredential: string;
  /** A partner's submission to this organisation's program (recognizer side). */
  incoming: string;
  endorsement: string;
  notice: string;
  license: string;
  invitation: string;
  invitationToken: string;
  team: string;
  teamToken: string;
  awardRun: string;
  /** A webhook subscribed to credential.issued, and the delivery the credential's issue queued for it. */
  webhook: string;
  webhookDelivery: string;
  /** A message in the outbox (shown by /dev/mailbox). */
  outboxMessage: string;
  /** A pathway needing `mc` and the proof-of-completion micro-credential (the earner holds only `mc`). */
  pathway: string;
}

export async function authzWorld(
  storage: Storage,
  clock: ManualClock,
  config: Config,
  name: string,
): Promise<AuthzWorld> {
  const { db } = storage;
  const deps = { db, clock, config, credentials: testCredentialServices() };
  const org = await buildOrganisation(db, { kind: 'both', name: `${name} ${unique('')}` });
  const members = {} as Record<Role, TestUser>;
  for (const role of ROLES) {
    members[role] = await buildUser(db, { name: `${name} ${role}` });
    await addMember(db, org.id, members[role].id, [role]);
  }
  const as = (u: TestUser) => ({ userId: u.id, ip: null });
  const earner = await buildUser(db, { name: `${name} earner` });
  const earnerEmailId = (
    await db.selectFrom('user_emails').select('id').where('user_id', '=', earner.id).executeTakeFirstOrThrow()
  ).id;
  const { token, publicId: tokenId } = await createApiToken(deps, {
    name: 'matrix',
    actor: { organisationId: org.id, userId: members.owner.id, ip: null },
  });

  const designer = as(members.designer);
  const title = `Routines ${unique('')}`;
  const mc = await createMicroCredential(deps, { actor: designer, orgSlug: org.slug, title });
  await updateDraft(deps, {
    actor: designer,
    orgSlug: org.slug,
    microCredentialId: mc.publicId,
    ...completeDesign(title, {
      evidenceParts: [
        { prompt: 'Reflect on what changed', kind: 'text', maxWords: 500, required: true },
        { prompt: 'Your routine plan, if you have one', kind: 'file', required: false },
      ],
      spanishEdition: { name: 'Rutinas', description: 'Enseña rutinas.' },
    }),
  });
  await publishDraft(deps, { actor: designer, orgSlug: org.slug, microCredentialId: mc.publicId });
  const stack = await createStack(deps, {
    actor: designer,
    orgSlug: org.slug,
    name: `Stack ${unique('')}`,
    description: 'Routines',
    microCredentials: [mc.publicId],
  });

  const application = (
    await applyForMicroCredential(deps, { actor: as(earner), microCredential: mc.publicId })
  ).publicId;
  await saveEvidence(deps, {
    actor: as(earner),
    application,
    part: 0,
    value: 'What changed: more time to learn.',
  });
  const evidenceFile = (
    await saveEvidenceFile(deps, {
      actor: as(earner),
      application,
      part: 1,
      file: {
        name: 'routine-plan.pdf',
        bytes: evidencePdf(),
      },
    })
  ).publicId;
  await submitApplication(deps, { actor: as(earner), application });
  const attemptOf = async (applicationId: string) =>
    (
      await db
        .selectFrom('attempts as t')
        .innerJoin('applications as a', 'a.id', 't.application_id')
        .select('t.public_id')
        .where('a.public_id', '=', applicationId)
        .executeTakeFirstOrThrow()
    ).public_id;
  const attempt = await attemptOf(application);

  // Calibration: a second reviewer (added now, so the first application stays with `reviewer`)
  // reviews another earner's attempt; the second review goes to `reviewer`, the eligible one.
  const firstReviewer = await buildUser(db, { name: `${name} first reviewer` });
  await addMember(db, org.id, firstReviewer.id, ['reviewer']);
  const peer = await buildUser(db, { name: `${name} peer` });
  const peerApplication = (
    await applyForMicroCredential(deps, { actor: as(peer), microCredential: mc.publicId })
  ).publicId;
  await saveEvidence(deps, {
    actor: as(peer),
    application: peerApplication,
    part: 0,
    value: 'What changed: calmer mornings.',
  });
  await submitApplication(deps, { actor: as(peer), application: peerApplication });
  const reviewedAttempt = await attemptOf(peerApplication);
  await reviewAttempt(deps, {
    actor: as(firstReviewer),
    attempt: reviewedAttempt,
    scores: { plan: 'proficient', video: 'proficient' },
    overallFeedback: 'Clear and complete.',
    decision: 'passed',
  });
  const secondReview = (
    await requestSecondReview(deps, { actor: as(members.admin), orgSlug: org.slug, attempt: reviewedAttempt })
  ).publicId;
  const assigned = await db
    .selectFrom('second_reviews')
    .select('reviewer_user_id')
    .where('public_id', '=', secondReview)
    .executeTakeFirstOrThrow();
  if (assigned.reviewer_user_id !== members.reviewer.id)
    throw new Error('The second review should go to the reviewer member.');

  // Proof of completion with a fee (program A): applied, certificate uploaded and submitted, unpaid.
  const proofTitle = `Trauma-informed practice ${unique('')}`;
  const proofMc = await createMicroCredential(deps, {
    actor: designer,
    orgSlug: org.slug,
    title: proofTitle,
  });
  await updateDraft(deps, {
    actor: designer,
    orgSlug: org.slug,
    microCredentialId: proofMc.publicId,
    ...completeDesign(proofTitle, {
      earningMode: 'proof_of_completion',
      evidenceParts: [],
      rubric: undefined,
      applicationFeeCents: 2500,
      applicationFeeCurrency: 'USD',
    }),
  });
  const badgeImage = (
    await setBadgeImage(deps, {
      actor: designer,
      orgSlug: org.slug,
      microCredentialId: proofMc.publicId,
      source: { generate: {} },
    })
  ).publicId;
  await publishDraft(deps, { actor: designer, orgSlug: org.slug, microCredentialId: proofMc.publicId });
  await approvedSessions(deps.db, proofMc.publicId, ['Program A']);
  // A session this organisation runs itself, asked for and approved (provider and council at once).
  const ceSession = (
    await requestSession(deps, {
      actor: designer,
      orgSlug: org.slug,
      ...ceSessionRequest(proofMc.publicId),
    })
  ).publicId;
  await decideSession(deps, {
    actor: as(members.recognition_officer),
    orgSlug: org.slug,
    session: ceSession,
    decision: 'approve',
  });
  const proof = await applyForMicroCredential(deps, {
    actor: as(earner),
    microCredential: proofMc.publicId,
    program: 'Program A',
  });
  if (!proof.payment) throw new Error('The proof application should have a fee to pay.');
  await uploadCertificate(deps, {
    actor: as(earner),
    application: proof.publicId,
    file: {
      name: 'certificate.pdf',
      bytes: evidencePdf(),
    },
  });
  await submitProof(deps, { actor: as(earner), application: proof.publicId });
  const pathway = (
    await createPathway(deps, {
      actor: designer,
      orgSlug: org.slug,
      name: `Pathway ${unique('')}`,
      requirement: {
        type: 'all',
        items: [
          { type: 'microCredential', id: mc.publicId },
          { type: 'microCredential', id: proofMc.publicId },
        ],
      },
    })
  ).publicId;

  const webhook = (
    await createSubscription(
      { db, clock, config, vault: deps.credentials.vault },
      { organisationId: org.id, userId: members.owner.id, ip: null },
      { url: 'https://example.org/cairn-events', events: ['credential.issued'] },
    )
  ).publicId;
  const issued = await issueCredential(deps, {
    actor: { userId: members.issuing_staff.id, ip: null },
    organisationId: org.id,
    recipient: { email: earner.email },
    microCredential: mc.publicId,
    formats: ['ldp', 'jwt'],
  });
  const webhookDelivery = (
    await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
      .select('d.public_id')
      .where('s.public_id', '=', webhook)
      .executeTakeFirstOrThrow()
  ).public_id;
  if (!issued.jwt) throw new Error('The credential should have a VC-JWT.');
  const claimPath = (await lastMailTo(db, earner.email)).path ?? '';
  const claimToken = claimPath.split('/').pop() ?? '';
  const statusList = (
    await db
      .selectFrom('status_lists')
      .select('public_id')
      .where('organisation_id', '=', org.id)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).public_id;

  const collection = await createCollection(deps, { actor: as(earner), name: 'Showcase' });
  await addToCollection(deps, { actor: as(earner), collection, badge: issued.publicId });
  const collectionItem = (
    await db
      .selectFrom('collection_items as i')
      .innerJoin('collections as c', 'c.id', 'i.collection_id')
      .select('i.id')
      .where('c.public_id', '=', collection)
      .executeTakeFirstOrThrow()
  ).id;
  const shareToken = (await shareCollection(deps, { actor: as(earner), collection, share: true })) ?? '';
  const imported = (await importBadge(deps, { actor: as(earner), text: JSON.stringify(issued.credential) }))
    .publicId;
  const importedImage = (
    await importBadge(deps, {
      actor: as(earner),
      text: bakeSvg(defaultBadgeSvg(title, org.name), JSON.stringify(issued.credential)),
    })
  ).publicId;
  await addToCollection(deps, { actor: as(earner), collection, badge: importedImage });
  const now = clock.now();
  const connection = publicId('conn');
  await db
    .insertInto('ob3_connections')
    .values({
      public_id: connection,
      user_id: earner.id,
      base_url: 'https://backpack.example.org',
      host_name: 'backpack.example.org',
      issuer: 'https://backpack.example.org',
      authorization_url: 'https://backpack.example.org/oauth/authorize',
      token_url: 'https://backpack.example.org/oauth/token',
      revocation_url: null,
      api_base: 'https://backpack.example.org/ims/ob/v3p0',
      client_id: 'cairn',
      sealed_client_secret: null,
      state: 'connected',
      sealed_pkce_verifier: null,
      oauth_state: null,
      sealed_access_token: null,
      sealed_refresh_token: null,
      access_expires_at: null,
      scope: null,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const officer = as(members.recognition_officer);
  const program = (
    await createProgram(deps, {
      actor: officer,
      orgSlug: org.slug,
      name: `Renewal ${unique('')}`,
      licenseName: 'License',
      cycleYears: 5,
      hoursRequired: 10,
      unitRule: 'fixed',
      fixedHours: 1,
    })
  ).publicId;
  // An organisation cannot recognize its own micro-credentials: a partner (issuer and recognizer)
  // submits to this organisation's program, and this organisation submits to the partner's.
  const partner = await buildOrganisation(db, { kind: 'both', name: `${name} partner ${unique('')}` });
  const partnerStaff = await buildUser(db, { name: `${name} partner staff` });
  await addMember(db, partner.id, partnerStaff.id, ['designer', 'issuing_staff', 'recognition_officer']);
  const partnerTitle = `Circles ${unique('')}`;
  const partnerMc = await createMicroCredential(deps, {
    actor: as(partnerStaff),
    orgSlug: partner.slug,
    title: partnerTitle,
  });
  await updateDraft(deps, {
    actor: as(partnerStaff),
    orgSlug: partner.slug,
    microCredentialId: partnerMc.publicId,
    ...completeDesign(partnerTitle),
  });
  await publishDraft(deps, {
    actor: as(partnerStaff),
    orgSlug: partner.slug,
    microCredentialId: partnerMc.publicId,
  });
  const partnerProgram = (
    await createProgram(deps, {
      actor: as(partnerStaff),
      orgSlug: partner.slug,
      name: `Partner renewal ${unique('')}`,
      licenseName: 'License',
      cycleYears: 5,
      hoursRequired: 10,
      unitRule: 'fixed',
      fixedHours: 1,
    })
  ).publicId;
  const submission = (
    await submitProgram(deps, {
      actor: as(members.issuing_staff),
      orgSlug: org.slug,
      program: partnerProgram,
      microCredential: mc.publicId,
      statement: 'Peer-reviewed against the rubric.',
    })
  ).publicId;
  const incoming = (
    await submitProgram(deps, {
      actor: as(partnerStaff),
      orgSlug: partner.slug,
      program,
      microCredential: partnerMc.publicId,
      statement: 'Assessed by trained peers.',
    })
  ).publicId;
  const license = (
    await linkLicense(deps, {
      actor: as(earner),
      program,
      licenseNumber: `L-${unique('')}`,
      cycleStart: '2025-01-01',
    })
  ).publicId;
  // A second partner micro-credential, approved in this organisation's program and endorsed; the
  // partner issues it to the earner, which brings this organisation a completion notice.
  const approvedTitle = `Restorative circles ${unique('')}`;
  const approvedMc = await createMicroCredential(deps, {
    actor: as(partnerStaff),
    orgSlug: partner.slug,
    title: approvedTitle,
  });
  await updateDraft(deps, {
    actor: as(partnerStaff),
    orgSlug: partner.slug,
    microCredentialId: approvedMc.publicId,
    ...completeDesign(approvedTitle),
  });
  await publishDraft(deps, {
    actor: as(partnerStaff),
    orgSlug: partner.slug,
    microCredentialId: approvedMc.publicId,
  });
  const approved = (
    await submitProgram(deps, {
      actor: as(partnerStaff),
      orgSlug: partner.slug,
      program,
      microCredential: approvedMc.publicId,
      statement: 'Assessed by trained peers.',
    })
  ).publicId;
  await approveProgramSubmission(deps, { actor: officer, orgSlug: org.slug, submission: approved, hours: 1 });
  const endorsement = (
    await endorseProgramSubmission(deps, { actor: officer, orgSlug: org.slug, submission: approved })
  ).publicId;
  const partnerIssued = await issueCredential(deps, {
    actor: { userId: partnerStaff.id, ip: null },
    organisationId: partner.id,
    recipient: { email: earner.email },
    microCredential: approvedMc.publicId,
  });
  const partnerCredential = await db
    .selectFrom('credentials')
    .select('id')
    .where('public_id', '=', partnerIssued.publicId)
    .executeTakeFirstOrThrow();
  await createCompletionNotices(deps, { credentialId: partnerCredential.id });
  const notice = (
    await db
      .selectFrom('completion_notices as n')
      .innerJoin('recognition_programs as p', 'p.id', 'n.program_id')
      .select('n.public_id')
      .where('p.public_id', '=', program)
      .where('n.credential_id', '=', partnerCredential.id)
      .executeTakeFirstOrThrow()
  ).public_id;

  const invitee = `${unique('invitee')}@example.org`;
  const invitation = (
    await inviteMember(deps, {
      slug: org.slug,
      email: invitee,
      roles: ['reviewer'],
      actor: as(members.owner),
    })
  ).publicId;
  const invitationToken = ((await lastMailTo(db, invitee)).path ?? '').split('/').pop() ?? '';

  const team = (
    await createTeam(deps, { actor: as(earner), name: 'Learning circle', microCredentials: [mc.publicId] })
  ).publicId;
  const teamToken = (
    await inviteToTeam(deps, { actor: as(earner), team, email: `${unique('mate')}@example.org` })
  ).token;

  const outboxMessage = (await lastMailTo(db, earner.email)).mail?.public_id ?? '';
  const run = await createAwardRun(deps, {
    actor: { userId: members.issuing_staff.id, ip: null },
    organisationId: org.id,
    microCredential: mc.publicId,
    fileName: 'roster.csv',
    source: csvStream('Email,Name\nada@example.org,Ada\n'),
  });

  return {
    org,
    members,
    earner,
    earnerEmailId,
    token,
    tokenId,
    mc,
    stack,
    application,
    attempt,
    evidenceFile,
    reviewedAttempt,
    secondReview,
    proofApplication: proof.publicId,
    payment: proof.payment.publicId,
    badgeImage,
    credential: issued.publicId,
    badgeUrl: `${config.publicUrl}/badges/${issued.publicId}`,
    claimToken,
    statusList,
    collection,
    collectionItem,
    shareToken,
    imported,
    importedImage,
    connection,
    program,
    submission,
    incoming,
    endorsement,
    notice,
    license,
    invitation,
    invitationToken,
    team,
    teamToken,
    awardRun: run.publicId,
    webhook,
    webhookDelivery,
    ceSession,
    proofMicroCredential: proofMc.publicId,
    outboxMessage,
    pathway,
  };
}
