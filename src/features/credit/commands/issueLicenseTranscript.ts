import { conflict, notFound } from '../../../domain/errors.ts';
import { mentionedMicroCredentials, type Requirement } from '../../catalog/index.ts';
import { buildClrCredential, validateClrCredential, type Association } from '../../../credentials/clr.ts';
import {
  isoSeconds,
  organisationKeys,
  signForOrganisation,
  type CredentialServices,
} from '../../../signing/organisationSigner.ts';
import { organisationDid } from '../../../credentials/issuerIdentity.ts';
import { recordAudit } from '../../../storage/audit.ts';
import { licenseProgress, type LicenseView } from '../queries/creditLedger.ts';
import { transcriptCredentials, transcriptSigner } from '../queries/licenseRecords.ts';
import type { Actor, CommandDeps } from '../../../domain/commands.ts';
import { parseInput } from '../../../domain/validation.ts';
import { ownLicenseTarget } from './targets.ts';
import { creditMessage } from '../messages.ts';

/** The credentials credited to the license and not reversed nor revoked, each once. */
function creditedCredentials(entries: LicenseView['entries']): string[] {
  const reversed = new Set(entries.filter((e) => e.kind === 'reversal').map((e) => e.credentialPublicId));
  return [
    ...new Set(
      entries
        .filter((e) => e.kind === 'credit' && !reversed.has(e.credentialPublicId) && !e.revoked)
        .map((e) => e.credentialPublicId),
    ),
  ];
}

/** `isChildOf` associations: each credited micro-credential to the credited pathway it counts toward. */
function pathwayAssociations(
  rows: { pathway_id: number | null; requirement: unknown; mc_public_id: string | null }[],
  documents: Record<string, unknown>[],
): Association[] {
  const achievementId = (doc: Record<string, unknown>) =>
    (doc.credentialSubject as { achievement?: { id?: string } } | undefined)?.achievement?.id ?? '';
  const associations: Association[] = [];
  rows.forEach((pathway, i) => {
    if (pathway.pathway_id === null || !pathway.requirement) return;
    const children = mentionedMicroCredentials(pathway.requirement as Requirement, new Map());
    rows.forEach((child, j) => {
      if (child.mc_public_id && children.has(child.mc_public_id))
        associations.push({
          associationType: 'isChildOf',
          sourceId: achievementId(documents[j]!),
          targetId: achievementId(documents[i]!),
        });
    });
  });
  return associations;
}

/**
 * A license transcript as a CLR 2.0 `ClrCredential`, signed by the recognizer (eddsa-rdfc-2022):
 * the credentials credited to the license (not reversed), their achievements, and `isChildOf`
 * associations from a micro-credential to the pathway it counts toward. Returns the signed text.
 */
export async function issueLicenseTranscript(
  deps: CommandDeps & { credentials: CredentialServices },
  { actor, ...input }: { actor: Actor } & Record<string, unknown>,
): Promise<{ text: string; credential: Record<string, unknown>; fileName: string }> {
  const { license: licensePublicId } = parseInput(ownLicenseTarget, input);
  const { db, config, clock, credentials } = deps;
  const now = clock.now();
  // Only the earner's own license: another's reads as not found.
  const license = await licenseProgress(db, actor.userId, licensePublicId, now);
  if (!license) throw notFound('licenseRecord');
  if (license.state !== 'confirmed') throw conflict(creditMessage('transcriptUnconfirmed'));
  const credited = creditedCredentials(license.entries);
  if (credited.length === 0) throw conflict(creditMessage('transcriptEmpty'));
  const rows = await transcriptCredentials(db, credited);
  const documents = rows.map((r) => JSON.parse(r.document) as Record<string, unknown>);
  const associations = pathwayAssociations(rows, documents);
  const organisation = await transcriptSigner(db, license.program.organisationId);
  const email = rows.find((r) => r.recipient_email)?.recipient_email ?? undefined;
  const unsigned = buildClrCredential({
    issuer: {
      id: organisationDid(config.publicUrl, organisation.slug),
      name: organisation.name,
      url: organisation.website ?? undefined,
    },
    name: `${license.program.licenseName} ${license.licenseNumber}: ${license.program.name} transcript`,
    description: `Credentials credited to ${license.userName}'s ${license.program.licenseName} (${license.licenseNumber}) by ${organisation.name}. Current cycle ${license.progress.cycle.start} to ${license.progress.cycle.last}: ${license.progress.earned} of ${license.progress.required} hours.`,
    validFrom: isoSeconds(now),
    recipient: { email },
    credentials: documents,
    associations,
  });
  const schema = validateClrCredential(unsigned);
  if (!schema.valid) throw new Error(`The transcript would not satisfy CLR 2.0: ${schema.errors.join('; ')}`);
  const keys = await organisationKeys(db, credentials.vault, organisation.id, now);
  const { signed } = await signForOrganisation({
    config,
    canonicalizer: credentials.canonicalizer,
    organisation,
    keys,
    unsigned,
    now,
  });
  const text = JSON.stringify(signed);
  await recordAudit(
    db,
    {
      organisationId: organisation.id,
      actorUserId: actor.userId,
      action: 'transcript.issued',
      subjectType: 'license_record',
      subjectId: license.publicId,
      data: { credentials: credited.length, transcript: String(signed.id) },
      ip: actor.ip,
    },
    now,
  );
  return {
    text,
    credential: signed,
    fileName: `transcript-${license.licenseNumber.replace(/[^A-Za-z0-9_-]/g, '_')}.json`,
  };
}
