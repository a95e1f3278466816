import { AppError } from '../../../domain/errors.ts';
import type { VerificationReport } from '../../../credentials/verifier.ts';
import { envelopedJwt, type PresentationReport } from '../commands/verifyPresentation.ts';
import { verificationMessage } from '../messages.ts';

// The W3C VC API's request bodies read into verifier input, and reports shaped into its answers:
// pure, no database, no request context.

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The credential of a /credentials/verify body: an object, a compact JWS, or an enveloped VC-JWT's JWS. */
export function credentialToVerify(body: Json): string | Json {
  const given = body.verifiableCredential;
  // An enveloped VC-JWT (VC 2.0) carries the JWS in a data: URL.
  const input = isObject(given) ? (envelopedJwt(given) ?? given) : given;
  if ((typeof input === 'string' && input) || isObject(input)) return input;
  throw new AppError('validation_failed', verificationMessage('sendCredential'));
}

/** A credential's report as the VC API answers it; 400 when it does not verify. */
export function credentialVerifyResponse(report: VerificationReport) {
  const errors = report.checks
    .filter((x) => !x.ok)
    .map((x) => ({ id: x.id, code: x.code, message: x.message, details: x.details }));
  // Every VC is verified as a W3C Verifiable Credential; `profiles` says whether it is also an Open Badge.
  const body = {
    verified: report.verified,
    checks: report.checks,
    profiles: report.profiles ?? [],
    ...(report.statuses ? { statuses: report.statuses } : {}),
    warnings: [],
    errors,
  };
  return { body, status: report.verified ? (200 as const) : (400 as const) };
}

/** A presentation's report as the VC API answers it: its own failed checks, then each credential's. */
export function presentationVerifyResponse(report: PresentationReport) {
  const errors = [
    ...report.checks
      .filter((x) => !x.ok)
      .map((x) => ({ id: x.id, code: x.code, message: x.message, details: x.details })),
    ...report.credentialResults.flatMap((r, i) =>
      r.checks
        .filter((x) => !x.ok)
        .map((x) => ({
          id: x.id,
          code: x.code,
          message: `Credential ${i + 1}: ${x.message ?? x.code ?? x.id}`,
          details: x.details,
          credential: i,
        })),
    ),
  ];
  return {
    body: { ...report, warnings: [], errors },
    status: report.verified ? (200 as const) : (400 as const),
  };
}

/** An issued credential as the VC API answers it: enveloped when it was asked for as a VC-JWT. */
export function issuedResponse(issued: { envelope?: boolean; jwt?: string | null; credential: unknown }) {
  if (issued.envelope && issued.jwt)
    return {
      verifiableCredential: {
        '@context': 'https://www.w3.org/ns/credentials/v2',
        id: `data:application/vc+jwt,${issued.jwt}`,
        type: 'EnvelopedVerifiableCredential',
      },
    };
  return { verifiableCredential: issued.credential };
}
