import type { CommandDeps } from '../../../domain/commands.ts';
import type { CredentialServices } from '../../../credentials/services.ts';
import { evaluate, holdings, revokedAmong, type Requirement } from '../../catalog/index.ts';
import { changeCredentialStatus } from './changeCredentialStatus.ts';
import { systemActor } from '../issuingActor.ts';
import { organisationPathways, pathwayAwardsTo } from '../queries/pathwayAwards.ts';
import { randomUUID } from 'node:crypto';
import { buildOpenBadgeCredential } from '../../../credentials/openBadgeCredential.ts';
import { isoSeconds } from '../../../signing/organisationSigner.ts';
import { issue, issuerProfile, type IssuedCredential, type IssuingDeps } from './issueCredential.ts';

/**
 * Awards every pathway an earner now satisfies, and revokes awards whose requirements a
 * revocation broke. Run by a job after each catalog credential is issued or revoked.
 */
export async function evaluatePathways(
  deps: CommandDeps & { credentials: CredentialServices },
  organisationId: number,
  recipientEmail: string,
): Promise<{ awarded: string[]; revoked: string[] }> {
  const { db } = deps;
  const held = await holdings(db, organisationId, [recipientEmail]);
  const pathways = await organisationPathways(db, organisationId);
  const byId = new Map(pathways.map((p) => [p.public_id, p.requirement as Requirement]));
  const result = { awarded: [] as string[], revoked: [] as string[] };
  for (const p of pathways) {
    const { satisfied } = evaluate(p.requirement as Requirement, held, byId);
    const awards = await pathwayAwardsTo(db, p.id, recipientEmail);
    const revoked = await revokedAmong(
      db,
      awards.map((a) => a.id),
    );
    const live = awards.filter((a) => !revoked.has(a.id));
    if (satisfied && live.length === 0) {
      await issuePathwayCredential(deps, organisationId, p, recipientEmail);
      result.awarded.push(p.public_id);
    } else if (!satisfied) {
      for (const a of live) {
        await changeCredentialStatus(deps, {
          actor: systemActor('pathways.evaluate'),
          organisationId,
          credential: a.public_id,
          action: 'revoke',
          reason: 'A credential this pathway requires was revoked.',
        });
        result.revoked.push(p.public_id);
      }
    }
  }
  return result;
}

/** Awards a pathway's higher credential to an earner whose credentials satisfy it (Cairn acts: the pathways job). */
async function issuePathwayCredential(
  deps: IssuingDeps,
  organisationId: number,
  pathway: { id: number; slug: string; name: string; description: string; achievement_type: string },
  recipientEmail: string,
): Promise<IssuedCredential> {
  return issue(
    deps,
    { organisationId, userId: null, ip: null },
    ({ issuerId, organisation, status, now }) =>
      buildOpenBadgeCredential({
        id: `urn:uuid:${randomUUID()}`,
        issuer: issuerProfile(issuerId, organisation),
        achievement: {
          id: `${deps.config.publicUrl}/pathways/${organisation.slug}/${pathway.slug}`,
          name: pathway.name,
          description: pathway.description || `Completed the ${pathway.name} pathway.`,
          criteria: { narrative: `Earn the micro-credentials the ${pathway.name} pathway requires.` },
          achievementType: pathway.achievement_type,
        },
        recipient: { email: recipientEmail },
        validFrom: isoSeconds(now),
        credentialStatus: status,
      }),
    { recipientEmail, recipientDid: null, jwt: 'EdDSA', pathwayId: pathway.id },
  );
}
