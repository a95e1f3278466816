import { z } from 'zod';
import { conflict, invalid, notFound } from '../../../domain/errors.ts';
import { publicId } from '../../../domain/ids.ts';
import { slugify } from '../../accounts/index.ts';
import { designSchema, publishProblems, searchText, type Design } from '../microCredential.ts';
import { parseInput } from '../../../domain/validation.ts';
import { inTransaction, type Tx } from '../../../storage/database.ts';
import { designToColumns, listInCatalog, versionToDesign } from '../queries/catalog.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { requireMember } from '../../accounts/index.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';

const slugField = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,80}$/, 'Use 2–81 lower-case letters, digits and dashes.')
    .optional(),
);
/** What creating a micro-credential takes: its design and an optional slug. */
export const createMicroCredentialInput = designSchema.extend({ slug: slugField });
/** Who may review a micro-credential's submissions (member public ids). */
export const reviewerPoolInput = z.object({ reviewers: z.array(z.string()).max(500) });

async function designable(tx: Tx, orgSlug: string, actor: Actor, mcPublicId: string) {
  const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
  const mc = await tx
    .selectFrom('micro_credentials')
    .selectAll()
    .where('organisation_id', '=', organisation.id)
    .where('public_id', '=', mcPublicId)
    .executeTakeFirst();
  if (!mc) throw notFound('That micro-credential');
  return { organisation, mc };
}

/** Starts a micro-credential as draft version 1 (designers and admins). */
export async function createMicroCredential(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  input: unknown,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    // Access first: a stranger learns nothing (not even what a valid body looks like).
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
    const { slug: givenSlug, ...rest } = parseInput(createMicroCredentialInput, input);
    const design: Design = rest;
    const slug = givenSlug ?? slugify(design.title).slice(0, 80);
    if (
      await tx
        .selectFrom('micro_credentials')
        .select('id')
        .where('organisation_id', '=', organisation.id)
        .where('slug', '=', slug)
        .executeTakeFirst()
    ) {
      throw conflict('That web address is taken.', {
        slug: `“${slug}” is already used by another micro-credential here.`,
      });
    }
    const mc = await tx
      .insertInto('micro_credentials')
      .values({ public_id: publicId('mc'), organisation_id: organisation.id, slug, created_at: now })
      .returning(['id', 'public_id', 'slug'])
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('micro_credential_versions')
      .values({
        public_id: publicId('mcv'),
        micro_credential_id: mc.id,
        version: 1,
        status: 'draft',
        ...designToColumns(design, searchText(design, [organisation.name])),
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.created',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { title: design.title },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: mc.public_id, slug: mc.slug };
  });
}

/** Replaces the draft's content; published versions are frozen and cannot be edited. */
export async function updateDraft(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  mcPublicId: string,
  input: unknown,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designable(tx, orgSlug, actor, mcPublicId);
    const design = parseInput(designSchema, input);
    const draft = await tx
      .selectFrom('micro_credential_versions')
      .select(['id', 'version'])
      .where('micro_credential_id', '=', mc.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (!draft)
      throw conflict('There is no draft to edit: published versions are frozen. Start a new version first.');
    await tx
      .updateTable('micro_credential_versions')
      .set(designToColumns(design, searchText(design, [organisation.name])))
      .where('id', '=', draft.id)
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.draft_updated',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { version: draft.version },
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Publishes the draft: it is frozen, shown in the catalog, and the previous version is superseded. */
export async function publishDraft(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  mcPublicId: string,
): Promise<{ version: number }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designable(tx, orgSlug, actor, mcPublicId);
    const draft = await tx
      .selectFrom('micro_credential_versions')
      .selectAll()
      .where('micro_credential_id', '=', mc.id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (!draft) throw conflict('There is no draft to publish.');
    const problems = publishProblems(versionToDesign(draft));
    if (Object.keys(problems).length) throw invalid(problems, 'This draft is not ready to publish.');
    await tx
      .updateTable('micro_credential_versions')
      .set({ status: 'superseded' })
      .where('micro_credential_id', '=', mc.id)
      .where('status', '=', 'published')
      .execute();
    await tx
      .updateTable('micro_credential_versions')
      .set({ status: 'published', published_at: now })
      .where('id', '=', draft.id)
      .execute();
    await tx.updateTable('micro_credentials').set({ retired_at: null }).where('id', '=', mc.id).execute();
    await listInCatalog(tx, mc.id);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.published',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { version: draft.version, title: draft.title },
        ip: actor.ip,
      },
      now,
    );
    return { version: draft.version };
  });
}

/** Opens a new draft version from the published one; earners and credentials keep their version. */
export async function reviseMicroCredential(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  mcPublicId: string,
): Promise<{ version: number }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designable(tx, orgSlug, actor, mcPublicId);
    const versions = await tx
      .selectFrom('micro_credential_versions')
      .selectAll()
      .where('micro_credential_id', '=', mc.id)
      .orderBy('version', 'desc')
      .execute();
    if (versions.some((v) => v.status === 'draft'))
      throw conflict('A draft version already exists: edit it.');
    const published = versions.find((v) => v.status === 'published') ?? versions[0];
    if (!published) throw notFound('That micro-credential');
    const design = versionToDesign(published);
    const version = (versions[0]?.version ?? 0) + 1;
    await tx
      .insertInto('micro_credential_versions')
      .values({
        public_id: publicId('mcv'),
        micro_credential_id: mc.id,
        version,
        status: 'draft',
        ...designToColumns(design, searchText(design, [organisation.name])),
        image_id: published.image_id,
        created_by: actor.userId,
        created_at: now,
      })
      .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.revision_started',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { version },
        ip: actor.ip,
      },
      now,
    );
    return { version };
  });
}

/** Hides it from the catalog; issued badges and their verification are untouched. */
export async function retireMicroCredential(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  mcPublicId: string,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designable(tx, orgSlug, actor, mcPublicId);
    if (mc.retired_at) throw conflict('It is already retired.');
    await tx.updateTable('micro_credentials').set({ retired_at: now }).where('id', '=', mc.id).execute();
    await listInCatalog(tx, mc.id);
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.retired',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        ip: actor.ip,
      },
      now,
    );
  });
}

export const stackInput = z.object({
  name: z.string().trim().min(2, 'Name the stack.').max(200),
  slug: slugField,
  description: z.string().trim().max(5000).default(''),
  microCredentials: z.array(z.string()).max(200).default([]),
});

/** Creates or replaces a stack: a named topic collection of this organisation's micro-credentials, in order. */
export async function saveStack(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  input: unknown,
  stackPublicId?: string,
): Promise<{ publicId: string; slug: string }> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
    const v = parseInput(stackInput, input);
    const members = v.microCredentials.length
      ? await tx
          .selectFrom('micro_credentials')
          .select(['id', 'public_id'])
          .where('organisation_id', '=', organisation.id)
          .where('public_id', 'in', v.microCredentials)
          .execute()
      : [];
    if (members.length !== new Set(v.microCredentials).size)
      throw invalid({ microCredentials: 'Some micro-credentials do not exist in this organisation.' });
    let stack: { id: number; public_id: string; slug: string };
    if (stackPublicId) {
      const found = await tx
        .selectFrom('stacks')
        .select(['id', 'public_id', 'slug'])
        .where('organisation_id', '=', organisation.id)
        .where('public_id', '=', stackPublicId)
        .executeTakeFirst();
      if (!found) throw notFound('That stack');
      await tx
        .updateTable('stacks')
        .set({ name: v.name, description: v.description })
        .where('id', '=', found.id)
        .execute();
      await tx.deleteFrom('stack_members').where('stack_id', '=', found.id).execute();
      stack = found;
    } else {
      const slug = v.slug ?? slugify(v.name).slice(0, 80);
      if (
        await tx
          .selectFrom('stacks')
          .select('id')
          .where('organisation_id', '=', organisation.id)
          .where('slug', '=', slug)
          .executeTakeFirst()
      )
        throw conflict('That stack address is taken.', { slug: `“${slug}” is taken.` });
      stack = await tx
        .insertInto('stacks')
        .values({
          public_id: publicId('stk'),
          organisation_id: organisation.id,
          slug,
          name: v.name,
          description: v.description,
          created_at: now,
        })
        .returning(['id', 'public_id', 'slug'])
        .executeTakeFirstOrThrow();
    }
    const byPublicId = new Map(members.map((m) => [m.public_id, m.id]));
    for (const [position, mcId] of v.microCredentials.entries()) {
      await tx
        .insertInto('stack_members')
        .values({ stack_id: stack.id, micro_credential_id: byPublicId.get(mcId)!, position })
        .execute();
    }
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'stack.saved',
        subjectType: 'stack',
        subjectId: stack.public_id,
        data: { name: v.name, members: v.microCredentials.length },
        ip: actor.ip,
      },
      now,
    );
    return { publicId: stack.public_id, slug: stack.slug };
  });
}

/** Sets a micro-credential's reviewer pool (members with the reviewer role); empty = every reviewer. */
export async function setReviewerPool(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  mcPublicId: string,
  input: unknown,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation, mc } = await designable(tx, orgSlug, actor, mcPublicId);
    const { reviewers } = parseInput(reviewerPoolInput, input);
    const members = reviewers.length
      ? await tx
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('u.id')
          .where('m.organisation_id', '=', organisation.id)
          .where('u.public_id', 'in', reviewers)
          .where(({ eb, val }) => eb(val('reviewer'), '=', eb.fn.any('m.roles')))
          .execute()
      : [];
    if (members.length !== new Set(reviewers).size)
      throw invalid({ reviewers: 'Every pool member must be a reviewer of this organisation.' });
    await tx.deleteFrom('micro_credential_reviewers').where('micro_credential_id', '=', mc.id).execute();
    if (members.length)
      await tx
        .insertInto('micro_credential_reviewers')
        .values(members.map((m) => ({ micro_credential_id: mc.id, user_id: m.id })))
        .execute();
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'micro_credential.reviewer_pool_set',
        subjectType: 'micro_credential',
        subjectId: mc.public_id,
        data: { reviewers: reviewers.length },
        ip: actor.ip,
      },
      now,
    );
  });
}

/** Removes a stack (its micro-credentials stay, and so do their badges). */
export async function deleteStack(
  deps: CommandDeps,
  actor: Actor,
  orgSlug: string,
  stackPublicId: string,
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.db, async (tx) => {
    const { organisation } = await requireMember(tx, orgSlug, actor.userId, 'catalog.design');
    const r = await tx
      .deleteFrom('stacks')
      .where('organisation_id', '=', organisation.id)
      .where('public_id', '=', stackPublicId)
      .executeTakeFirst();
    if (r.numDeletedRows === 0n) throw notFound('That stack');
    await recordAudit(
      tx,
      {
        organisationId: organisation.id,
        actorUserId: actor.userId,
        action: 'stack.deleted',
        subjectType: 'stack',
        subjectId: stackPublicId,
        ip: actor.ip,
      },
      now,
    );
  });
}
