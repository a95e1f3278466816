import { Hono } from 'hono';
import { AppError } from '../../../domain/errors.ts';
import { authenticateApiToken, requireTokenScope } from '../../../http/apiTokens.ts';
import { issueSuppliedCredential } from '../../issuing/index.ts';
import { verifyWithCairn } from '../commands/verifyCredential.ts';
import { envelopedJwt, verifyPresentation } from '../commands/verifyPresentation.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonObjectBody } from '../../../http/jsonBody.ts';

/** The W3C VC API: issue with an organisation API token; verify credentials and presentations for anyone. */
export function vcApiRoutes() {
  const r = new Hono<AppEnv>();
  r.post('/credentials/issue', async (c) => {
    const header = c.req.header('authorization') ?? '';
    const { db, clock } = c.var.deps;
    const auth = header.startsWith('Bearer ')
      ? await authenticateApiToken(db, header.slice(7).trim(), clock.now())
      : null;
    if (!auth)
      throw new AppError(
        'unauthenticated',
        'Send an organisation API token as “Authorization: Bearer cairn_…”.',
      );
    requireTokenScope(auth, 'credentials:issue');
    const issued = await issueSuppliedCredential(
      { ...c.var.deps, credentials: c.var.deps.credentials },
      { organisationId: auth.organisationId, userId: null, ip: c.var.ip },
      await jsonObjectBody(c),
    );
    if (issued.envelope && issued.jwt) {
      return c.json(
        {
          verifiableCredential: {
            '@context': 'https://www.w3.org/ns/credentials/v2',
            id: `data:application/vc+jwt,${issued.jwt}`,
            type: 'EnvelopedVerifiableCredential',
          },
        },
        201,
      );
    }
    return c.json({ verifiableCredential: issued.credential }, 201);
  });

  r.post('/credentials/verify', async (c) => {
    // A verifier answers any credential with a report, NUL characters included (nothing is stored).
    const body = await jsonObjectBody(c, { nul: 'allow' });
    let input = body.verifiableCredential;
    // An enveloped VC-JWT (VC 2.0) carries the JWS in a data: URL.
    if (input && typeof input === 'object' && !Array.isArray(input))
      input = envelopedJwt(input as Record<string, unknown>) ?? input;
    if (!input || (typeof input !== 'object' && typeof input !== 'string') || Array.isArray(input))
      throw new AppError('validation_failed', 'Send {"verifiableCredential": …}.');
    const { db, config, credentials, clock } = c.var.deps;
    const report = await verifyWithCairn(input as string | Record<string, unknown>, {
      db,
      config,
      services: credentials,
      now: clock.now(),
    });
    const errors = report.checks
      .filter((x) => !x.ok)
      .map((x) => ({ id: x.id, code: x.code, message: x.message }));
    // Every VC is verified as a W3C Verifiable Credential; `profiles` says whether it is also an Open Badge.
    return c.json(
      {
        verified: report.verified,
        checks: report.checks,
        profiles: report.profiles ?? [],
        ...(report.statuses ? { statuses: report.statuses } : {}),
        warnings: [],
        errors,
      },
      report.verified ? 200 : 400,
    );
  });

  r.post('/presentations/verify', async (c) => {
    const body = await jsonObjectBody(c, { nul: 'allow' });
    const { db, config, credentials, clock } = c.var.deps;
    const report = await verifyPresentation(body, { db, config, services: credentials, now: clock.now() });
    const errors = [
      ...report.checks.filter((x) => !x.ok).map((x) => ({ id: x.id, code: x.code, message: x.message })),
      ...report.credentialResults.flatMap((r, i) =>
        r.checks
          .filter((x) => !x.ok)
          .map((x) => ({
            id: x.id,
            code: x.code,
            message: `Credential ${i + 1}: ${x.message ?? x.code ?? x.id}`,
            credential: i,
          })),
      ),
    ];
    return c.json({ ...report, warnings: [], errors }, report.verified ? 200 : 400);
  });
  return r;
}
