import { Hono, type Context } from 'hono';
import { AppError } from '../../../domain/errors.ts';
import { authenticateApiToken, requireTokenScope } from '../../../http/apiTokens.ts';
import type { AppEnv } from '../../../http/env.ts';
import { jsonObjectBody } from '../../../http/jsonBody.ts';
import { issueSuppliedCredential, type ApiTokenActor } from '../../issuing/index.ts';
import { verifyWithCairn } from '../commands/verifyCredential.ts';
import { verifyPresentation } from '../commands/verifyPresentation.ts';
import {
  credentialToVerify,
  credentialVerifyResponse,
  issuedResponse,
  presentationVerifyResponse,
} from './vcApiResponses.ts';
import { verificationMessage } from '../messages.ts';

type C = Context<AppEnv>;

/** The organisation of the request's API token, allowed to issue; unauthenticated without one. */
async function issuingToken(c: C): Promise<ApiTokenActor> {
  const header = c.req.header('authorization') ?? '';
  const { db, clock } = c.var.deps;
  const auth = header.startsWith('Bearer ')
    ? await authenticateApiToken(db, header.slice(7).trim(), clock.now())
    : null;
  if (!auth) throw new AppError('unauthenticated', verificationMessage('issuingToken'));
  requireTokenScope(auth, 'credentials:issue');
  return { kind: 'token', userId: null, ...auth, ip: c.var.ip };
}

const verifierDepsOf = (c: C) => {
  const { db, config, credentials, clock } = c.var.deps;
  return { db, config, services: credentials, now: clock.now() };
};

/** The W3C VC API: issue with an organisation API token; verify credentials and presentations for anyone. */
export function vcApiRoutes() {
  const r = new Hono<AppEnv>();
  r.post('/credentials/issue', async (c) => {
    const actor = await issuingToken(c);
    const body = await jsonObjectBody(c);
    const issued = await issueSuppliedCredential(c.var.deps, {
      ...body,
      organisationId: actor.organisationId,
      actor,
    });
    return c.json(issuedResponse(issued), 201);
  });
  r.post('/credentials/verify', async (c) => {
    // A verifier answers any credential with a report, NUL characters included (nothing is stored).
    const input = credentialToVerify(await jsonObjectBody(c, { nul: 'allow' }));
    const { body, status } = credentialVerifyResponse(await verifyWithCairn(input, verifierDepsOf(c)));
    return c.json(body, status);
  });
  r.post('/presentations/verify', async (c) => {
    const report = await verifyPresentation(await jsonObjectBody(c, { nul: 'allow' }), verifierDepsOf(c));
    const { body, status } = presentationVerifyResponse(report);
    return c.json(body, status);
  });
  return r;
}
