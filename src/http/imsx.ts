import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../domain/errors.ts';
import type { AppEnv } from './env.ts';

/** The imsx_codeMinorFieldValue vocabulary of the OB 3.0 API. */
export type CodeMinor =
  | 'forbidden'
  | 'internal_server_error'
  | 'invalid_data'
  | 'invalid_query_parameter'
  | 'misdirected_request'
  | 'not_acceptable'
  | 'not_allowed'
  | 'not_found'
  | 'server_busy'
  | 'unauthorizedrequest'
  | 'unknown';

export interface ImsxStatusInfo {
  imsx_codeMajor: 'failure';
  imsx_severity: 'error';
  imsx_description: string;
  imsx_codeMinor: {
    imsx_codeMinorField: [{ imsx_codeMinorFieldName: string; imsx_codeMinorFieldValue: CodeMinor }];
  };
}

/** An imsx_StatusInfo failure object. */
export function statusInfo(codeMinor: CodeMinor, description: string): ImsxStatusInfo {
  return {
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: description,
    imsx_codeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'Cairn', imsx_codeMinorFieldValue: codeMinor }],
    },
  };
}

/** An OB 3.0 API error that carries its imsx minor code and HTTP status. */
export class Ob3ApiError extends AppError {
  constructor(
    readonly httpStatus: 400 | 401 | 403 | 404 | 405 | 413 | 415,
    readonly codeMinor: CodeMinor,
    message: string,
    readonly wwwAuthenticate?: string,
  ) {
    super(
      httpStatus === 401
        ? 'unauthenticated'
        : httpStatus === 403
          ? 'forbidden'
          : httpStatus === 404
            ? 'not_found'
            : 'validation_failed',
      message,
    );
  }
}

const minorByCode: Record<string, CodeMinor> = {
  validation_failed: 'invalid_data',
  token_invalid: 'invalid_data',
  conflict: 'invalid_data',
  not_found: 'not_found',
  unauthenticated: 'unauthorizedrequest',
  invalid_credentials: 'unauthorizedrequest',
  forbidden: 'forbidden',
  csrf_failed: 'forbidden',
  email_not_confirmed: 'forbidden',
  rate_limited: 'server_busy',
  internal: 'internal_server_error',
};

/** True for requests to the OB 3.0 API, whose errors are imsx_StatusInfo objects. */
export const isOb3ApiPath = (path: string) => path === '/ims/ob/v3p0' || path.startsWith('/ims/ob/v3p0/');

/** The error boundary's answer on the OB 3.0 API: an imsx_StatusInfo with the right status. */
export function ob3ErrorResponse(c: Context<AppEnv>, error: AppError): Response {
  if (error instanceof Ob3ApiError) {
    if (error.wwwAuthenticate) c.header('WWW-Authenticate', error.wwwAuthenticate);
    return c.json(statusInfo(error.codeMinor, error.message), error.httpStatus);
  }
  // The API never reads cookies: CSRF applies only to requests without a bearer token, so a CSRF
  // refusal here means the access token is missing.
  if (error.code === 'csrf_failed') {
    c.header('WWW-Authenticate', 'Bearer realm="Cairn"');
    return c.json(
      statusInfo(
        'unauthorizedrequest',
        'This endpoint needs an OAuth 2.0 access token (Authorization: Bearer …).',
      ),
      401,
    );
  }
  // Invalid input is 400 on this API (422 elsewhere in Cairn).
  const status = (
    error.code === 'validation_failed' || error.code === 'token_invalid' || error.code === 'conflict'
      ? 400
      : error.status
  ) as ContentfulStatusCode;
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="Cairn"');
  return c.json(statusInfo(minorByCode[error.code] ?? 'unknown', error.message), status);
}

/** 404 for a path below the API that does not exist. */
export function ob3NotFound(c: Context<AppEnv>): Response {
  return c.json(statusInfo('not_found', 'There is no Open Badges 3.0 API endpoint at this address.'), 404);
}
