import { ROLES, type Role } from '../domain/roles.ts';
import type { Storage } from '../storage/database.ts';
import type { ManualClock } from '../domain/clock.ts';
import type { Config } from '../config.ts';
import { addMember, buildOrganisation, buildUser, lastMailTo } from './factories.ts';
import { unique } from './databases.ts';
import { completeDesign } from './catalogFixtures.ts';
import { testCredentialServices } from './http.ts';
import { createMicroCredential, publishDraft, saveStack, updateDraft } from '../commands/designMicroCredential.ts';
import { applyForMicroCredential } from '../commands/applyForMicroCredential.ts';
import { saveEvidence, submitApplication } from '../commands/submitEvidence.ts';
import { issueCredential } from '../commands/issueCredential.ts';
import { createApiToken } from '../commands/manageApiTokens.ts';
import { createCollection, addToCollection, shareCollection } from '../commands/collections.ts';
import { importBadge } from '../commands/backpack.ts';
import { createProgram } from '../commands/recognitionPrograms.ts';
import { submitForRecognition } from '../commands/programSubmissions.ts';
import { linkLicense } from '../commands/ledger.ts';
import { inviteMember } from '../commands/inviteMember.ts';
import { createTeam, inviteToTeam } from '../commands/teams.ts';
import { createAwardRun } from '../commands/bulkAward.ts';
import { csvStream } from './awardFixtures.ts';

export type TestUser = Awaited<ReturnType<typeof buildUser>>;

/**
 * One organisation (kind "both": issuer and recognizer) with a member for every role, an earner
 * who is not a member, an API token, and one of each thing the routes take by id: a published
 * micro-credential and a stack, the earner's submitted application (assigned to the reviewer), an
 * issued credential with its claim link, a collection holding it (shared), an imported badge, a
 * recognition program with a submission and the earner's license record, an invitation, a team,
 * a bulk award run. Authorization tests build two and ask each for the other's things.
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
  credential: string;
  claimToken: string;
  statusList: string;
  collection: string;
  collectionItem: number;
  shareToken: string;
  imported: string;
  program: string;
  /** This organisation's submission to a partner's program (issuer side). */
  submission: string;
  /** A partner's submission to this organisation's program (recognizer side). */
  incoming: string;
  license: string;
  invitation: string;
  invitationToken: string;
  team: string;
  teamToken: string;
  awardRun: string;
}

export async function authzWorld(storage: Storage, clock: ManualClock, config: Config, name: string): Promise<AuthzWorld> {
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
  const earnerEmailId = (await db.selectFrom('user_emails').select('id').where('user_id', '=', earner.id).executeTakeFirstOrThrow()).id;
  const { token, publicId: tokenId } = await createApiToken(deps, { organisationId: org.id, userId: members.owner.id, ip: null }, { name: 'matrix' });

  const designer = as(members.designer);
  const title = `Routines ${unique('')}`;
  const mc = await createMicroCredential(deps, designer, org.slug, { title });
  await updateDraft(deps, designer, org.slug, mc.publicId, completeDesign(title, { evidenceParts: [{ prompt: 'Reflect on what changed', kind: 'text', maxWords: 500, required: true }] }));
  await publishDraft(deps, designer, org.slug, mc.publicId);
  const stack = await saveStack(deps, designer, org.slug, { name: `Stack ${unique('')}`, description: 'Routines', microCredentials: [mc.publicId] });

  const application = (await applyForMicroCredential(deps, as(earner), mc.publicId)).publicId;
  await saveEvidence(deps, as(earner), application, 0, { value: 'What changed: more time to learn.' });
  await submitApplication(deps, as(earner), application);
  const attempt = (await db.selectFrom('attempts as t').innerJoin('applications as a', 'a.id', 't.application_id').select('t.public_id').where('a.public_id', '=', application).executeTakeFirstOrThrow()).public_id;

  const issued = await issueCredential(deps, { organisationId: org.id, userId: members.issuing_staff.id, ip: null }, { recipient: { email: earner.email }, microCredential: mc.publicId });
  const claimPath = (await lastMailTo(db, earner.email)).path ?? '';
  const claimToken = claimPath.split('/').pop() ?? '';
  const statusList = (await db.selectFrom('status_lists').select('public_id').where('organisation_id', '=', org.id).orderBy('id').executeTakeFirstOrThrow()).public_id;

  const collection = await createCollection(deps, as(earner), { name: 'Showcase' });
  await addToCollection(deps, as(earner), collection, issued.publicId);
  const collectionItem = (await db.selectFrom('collection_items as i').innerJoin('collections as c', 'c.id', 'i.collection_id').select('i.id').where('c.public_id', '=', collection).executeTakeFirstOrThrow()).id;
  const shareToken = (await shareCollection(deps, as(earner), collection, true)) ?? '';
  const imported = (await importBadge(deps, as(earner), { text: JSON.stringify(issued.credential) })).publicId;

  const officer = as(members.recognition_officer);
  const program = (await createProgram(deps, officer, org.slug, { name: `Renewal ${unique('')}`, licenseName: 'License', cycleYears: 5, hoursRequired: 10, unitRule: 'fixed', fixedHours: 1 })).publicId;
  // An organisation cannot recognize its own micro-credentials: a partner (issuer and recognizer)
  // submits to this organisation's program, and this organisation submits to the partner's.
  const partner = await buildOrganisation(db, { kind: 'both', name: `${name} partner ${unique('')}` });
  const partnerStaff = await buildUser(db, { name: `${name} partner staff` });
  await addMember(db, partner.id, partnerStaff.id, ['designer', 'issuing_staff', 'recognition_officer']);
  const partnerTitle = `Circles ${unique('')}`;
  const partnerMc = await createMicroCredential(deps, as(partnerStaff), partner.slug, { title: partnerTitle });
  await updateDraft(deps, as(partnerStaff), partner.slug, partnerMc.publicId, completeDesign(partnerTitle));
  await publishDraft(deps, as(partnerStaff), partner.slug, partnerMc.publicId);
  const partnerProgram = (await createProgram(deps, as(partnerStaff), partner.slug, { name: `Partner renewal ${unique('')}`, licenseName: 'License', cycleYears: 5, hoursRequired: 10, unitRule: 'fixed', fixedHours: 1 })).publicId;
  const submission = (await submitForRecognition(deps, as(members.issuing_staff), org.slug, { program: partnerProgram, microCredential: mc.publicId, statement: 'Peer-reviewed against the rubric.' })).publicId;
  const incoming = (await submitForRecognition(deps, as(partnerStaff), partner.slug, { program, microCredential: partnerMc.publicId, statement: 'Assessed by trained peers.' })).publicId;
  const license = (await linkLicense(deps, as(earner), { program, licenseNumber: `L-${unique('')}`, cycleStart: '2025-01-01' })).publicId;

  const invitee = `${unique('invitee')}@example.org`;
  const invitation = (await inviteMember(deps, as(members.owner), org.slug, { email: invitee, roles: ['reviewer'] })).publicId;
  const invitationToken = ((await lastMailTo(db, invitee)).path ?? '').split('/').pop() ?? '';

  const team = (await createTeam(deps, as(earner), { name: 'Learning circle', microCredentials: [mc.publicId] })).publicId;
  const teamToken = (await inviteToTeam(deps, as(earner), team, { email: `${unique('mate')}@example.org` })).token;

  const run = await createAwardRun(deps, { organisationId: org.id, userId: members.issuing_staff.id, ip: null }, { microCredential: mc.publicId, fileName: 'roster.csv' }, csvStream('Email,Name\nada@example.org,Ada\n'));

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
    credential: issued.publicId,
    claimToken,
    statusList,
    collection,
    collectionItem,
    shareToken,
    imported,
    program,
    submission,
    incoming,
    license,
    invitation,
    invitationToken,
    team,
    teamToken,
    awardRun: run.publicId,
  };
}
