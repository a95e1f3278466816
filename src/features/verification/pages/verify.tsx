import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../../http/env.ts';
import { emptyForm, type FormState } from '../../../web/forms.tsx';
import { handleForm, page } from '../../../web/render.tsx';
import { requestTranslator } from '../../../web/preferences.ts';
import type { Submission } from '../commands/readSubmission.ts';
import { verifySubmission } from '../commands/verifySubmission.ts';
import { verifyResultModel, type VerifyResultModel } from './verifyResult.ts';
import { VerifyView } from './verifyView.tsx';

type C = Context<AppEnv>;

/** Texts longer than this are not echoed back into the form after an error. */
const ECHO_LIMIT = 20000;
const MAX_KEY_FILE = 256 * 1024;

function renderVerify(
  c: C,
  form: FormState = emptyForm,
  result: VerifyResultModel | null = null,
  status: 200 | 422 = 200,
) {
  return page(
    c,
    requestTranslator(c).t('verification.title'),
    <VerifyView form={form} csrf={c.var.csrfToken} result={result} />,
    status,
  );
}

/** Verifies what was submitted and shows the result; a submission that cannot be read re-shows the form. */
function verifyAndRender(
  c: C,
  echo: Record<string, string>,
  submission: () => Promise<Submission>,
  keepForm: boolean,
) {
  return handleForm(
    c,
    echo,
    async () => {
      const { db, config, credentials, clock } = c.var.deps;
      const deps = { db, config, services: credentials, now: clock.now() };
      const { read, report } = await verifySubmission(deps, await submission());
      const result = verifyResultModel(report, read.format, config.publicUrl);
      return renderVerify(c, keepForm ? { values: echo, errors: {} } : emptyForm, result);
    },
    (form, status) => renderVerify(c, form, null, status as 422),
  );
}

/** The multipart /verify form as a submission (the issuer key from its file when one is uploaded). */
async function postedSubmission(c: C) {
  const body = await c.req.parseBody();
  const text = typeof body.text === 'string' ? body.text : '';
  const url = typeof body.url === 'string' ? body.url : '';
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const keyFile = body.issuerKeyFile;
  const issuerKey =
    keyFile instanceof File && keyFile.size > 0 && keyFile.size <= MAX_KEY_FILE
      ? await keyFile.text()
      : typeof body.issuerKey === 'string'
        ? body.issuerKey
        : '';
  return { text, url, file, issuerKey };
}

/** /verify: anyone checks a badge by pasting it, uploading its baked image or giving its URL. */
export function verifyRoutes() {
  const r = new Hono<AppEnv>();
  r.get('/verify', (c) => {
    const url = c.req.query('url');
    if (!url) return renderVerify(c);
    // A link such as a QR code's: verify the address straight away (reading only, nothing stored).
    return verifyAndRender(c, { url }, () => Promise.resolve({ url }), true);
  });
  r.post('/verify', async (c) => {
    const { text, url, file, issuerKey } = await postedSubmission(c);
    const echo = {
      text: text.length > ECHO_LIMIT ? '' : text,
      url,
      issuerKey: issuerKey.length > ECHO_LIMIT ? '' : issuerKey,
    };
    const submission = async (): Promise<Submission> => ({
      text,
      url,
      file: file ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
      issuerKey,
    });
    return verifyAndRender(c, echo, submission, false);
  });
  return r;
}
