import type { Context } from 'hono';
import { AppError, notFound } from '../domain/errors.ts';
import { authenticateApiToken } from '../commands/manageApiTokens.ts';
import { requireMember } from '../commands/organisationAccess.ts';
import type { IssuingActor } from '../commands/issueCredential.ts';
import { findOrganisationBySlug } from '../storage/organisations.ts';
import type { Organisation } from '../storage/schema.ts';
import { requireViewer } from './middleware/session.ts';
import type { AppEnv } from './env.ts';

/** Who may issue for the organisation in the URL (`:slug`): its API token, or a logged-in member allowed to issue. */
export async function issuingOrganisation(c: Context<AppEnv>): Promise<{ organisation: Organisation; actor: IssuingActor }> {
  const slug = c.req.param('slug') ?? '';
  const header = c.req.header('authorization') ?? '';
  if (header.startsWith('Bearer ')) {
    const auth = await authenticateApiToken(c.var.deps.db, header.slice(7).trim(), c.var.deps.clock.now());
    if (!auth) throw new AppError('unauthenticated', 'That API token is not valid (revoked, or mistyped).');
    const organisation = await findOrganisationBySlug(c.var.deps.db, slug);
    // A token of another organisation learns nothing about this one.
    if (!organisation || organisation.id !== auth.organisationId) throw notFound('That organisation');
    return { organisation, actor: { organisationId: organisation.id, userId: null, ip: c.var.ip } };
  }
  const viewer = requireViewer(c.var.viewer);
  const { organisation } = await requireMember(c.var.deps.db, slug, viewer.user_id, 'credentials.issue');
  return { organisation, actor: { organisationId: organisation.id, userId: viewer.user_id, ip: c.var.ip } };
}
