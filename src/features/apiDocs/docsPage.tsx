import type { Child } from 'hono/jsx';
import { useT } from '../../web/i18n/context.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { OpenApiDocument } from './document.ts';

// The readable API documentation (/api/docs): the OpenAPI document rendered on the server, in
// Cairn's layout, with no script (schemas are nested lists inside <details>). Its rules are the
// "API documentation" section of src/web/assets/app.css (inline styles are blocked). The page's own
// words are the catalogue's apiDocs.*; the operations' summaries and descriptions are the document's.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

type T = Translator['t'];

/** A schema's type in a few words: `string (date-time)`, `array of object`, `one of …`. */
function typeLabel(s: Json, t: T): string {
  const list = (items: string[], join: 'or' | 'and') =>
    items.reduce((a, b) => t(`apiDocs.types.${join}`, { a, b }));
  if (typeof s.$ref === 'string') return s.$ref.split('/').at(-1) ?? 'schema';
  if ('const' in s) return t('apiDocs.types.exactly', { value: JSON.stringify(s.const) });
  if (Array.isArray(s.enum))
    return t('apiDocs.types.oneOf', { values: s.enum.map((v) => JSON.stringify(v)).join(', ') });
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (Array.isArray(alternatives))
    return list(
      alternatives.map((x) => typeLabel(x, t)),
      'or',
    );
  if (Array.isArray(s.allOf))
    return list(
      (s.allOf as Json[]).map((x) => typeLabel(x, t)),
      'and',
    );
  const type = Array.isArray(s.type)
    ? list(s.type as string[], 'or')
    : typeof s.type === 'string'
      ? s.type
      : t('apiDocs.types.any');
  if (type === 'array' && isObject(s.items))
    return t('apiDocs.types.arrayOf', { type: typeLabel(s.items, t) });
  const bounds = [
    typeof s.format === 'string' ? s.format : null,
    typeof s.minLength === 'number' && s.minLength > 0
      ? t('apiDocs.types.minLength', { count: s.minLength })
      : null,
    typeof s.maxLength === 'number' ? t('apiDocs.types.maxLength', { count: s.maxLength }) : null,
    typeof s.minimum === 'number' ? `≥ ${s.minimum}` : null,
    typeof s.maximum === 'number' ? `≤ ${s.maximum}` : null,
    typeof s.minItems === 'number' && s.minItems > 0
      ? t('apiDocs.types.minItems', { count: s.minItems })
      : null,
    typeof s.maxItems === 'number' ? t('apiDocs.types.maxItems', { count: s.maxItems }) : null,
  ].filter(Boolean);
  return bounds.length ? t('apiDocs.types.withBounds', { type, bounds: bounds.join(', ') }) : type;
}

/** The parts of a schema that have parts of their own (properties, items, alternatives). */
function children(s: Json, t: T): Array<[string, Json, boolean]> {
  const out: Array<[string, Json, boolean]> = [];
  if (isObject(s.properties)) {
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [name, sub] of Object.entries(s.properties))
      if (isObject(sub)) out.push([name, sub, required.has(name)]);
  }
  if (isObject(s.additionalProperties)) out.push([t('apiDocs.types.anyKey'), s.additionalProperties, false]);
  if (s.type === 'array' && isObject(s.items) && (children(s.items, t).length || s.items.description))
    out.push([t('apiDocs.types.eachItem'), s.items, false]);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list) && list.some((x) => isObject(x) && children(x, t).length))
      list.forEach(
        (x, i) => isObject(x) && out.push([t('apiDocs.types.option', { number: i + 1 }), x, false]),
      );
  }
  return out;
}

/** A JSON Schema as a nested list of its properties with their types and descriptions. */
export function SchemaView({ schema, depth = 0 }: { schema: Json; depth?: number }): Child {
  const { t } = useT();
  const parts = depth < 8 ? children(schema, t) : [];
  if (!parts.length) return null;
  return (
    <ul class="schema">
      {parts.map(([name, sub, required]) => (
        <li>
          <code>{name}</code> <span class="type">{typeLabel(sub, t)}</span>
          {required && <span class="req"> {t('apiDocs.required')}</span>}
          {typeof sub.description === 'string' && <> — {sub.description}</>}
          {typeof sub.$ref === 'string' && (
            <>
              {' '}
              (<a href={`#schema-${sub.$ref.split('/').at(-1)}`}>{t('apiDocs.seeBelow')}</a>)
            </>
          )}
          <SchemaView schema={sub} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

/** A body's schema: its type and parts, with the raw JSON Schema one click away. */
function BodySchema({ schema }: { schema: Json }) {
  const { t } = useT();
  return (
    <>
      <p>
        <span class="type">{typeLabel(schema, t)}</span>
        {typeof schema.description === 'string' && <> — {schema.description}</>}
      </p>
      <SchemaView schema={schema} />
      <details>
        <summary>{t('apiDocs.jsonSchema')}</summary>
        <pre>{JSON.stringify(schema, null, 2)}</pre>
      </details>
    </>
  );
}

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

interface Operation {
  method: string;
  path: string;
  op: Json;
}

/** An operation's parameters: name, where it goes, its type and what it means. */
function ParametersTable({ parameters }: { parameters: Json[] }) {
  const { t } = useT();
  return (
    <>
      <h4>{t('apiDocs.parameters')}</h4>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('apiDocs.columns.name')}</th>
            <th scope="col">{t('apiDocs.columns.in')}</th>
            <th scope="col">{t('apiDocs.columns.type')}</th>
            <th scope="col">{t('apiDocs.columns.description')}</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => (
            <tr>
              <td>
                <code>{String(p.name)}</code>
                {p.required === true && <span class="req"> {t('apiDocs.required')}</span>}
              </td>
              <td>{String(p.in)}</td>
              <td class="type">{isObject(p.schema) ? typeLabel(p.schema, t) : ''}</td>
              <td>{typeof p.description === 'string' ? p.description : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** An operation's responses: status, description, and the body's schema or a link to it. */
function ResponsesList({ responses, shared }: { responses: Json; shared: Record<string, Json> }) {
  const { t } = useT();
  return (
    <>
      <h4>{t('apiDocs.responses')}</h4>
      <ul>
        {Object.entries(responses).map(([status, raw]) => {
          const ref = isObject(raw) && typeof raw.$ref === 'string' ? raw.$ref.split('/').at(-1)! : null;
          const response = ref ? shared[ref] : isObject(raw) ? raw : {};
          const content = isObject(response?.content) ? response.content : {};
          return (
            <li>
              <strong>{status}</strong> {String(response?.description ?? '')}
              {ref && (
                <>
                  {' '}
                  (<a href="#schema-Error">Error</a>)
                </>
              )}
              {!ref &&
                Object.entries(content).map(([type, media]) => (
                  <>
                    {' '}
                    <code>{type}</code>
                    {isObject(media) &&
                      isObject(media.schema) &&
                      (media.schema.$ref ? (
                        <>
                          {' '}
                          (
                          <a href={`#schema-${String(media.schema.$ref).split('/').at(-1)}`}>
                            {String(media.schema.$ref).split('/').at(-1)}
                          </a>
                          )
                        </>
                      ) : (
                        <BodySchema schema={media.schema} />
                      ))}
                  </>
                ))}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function OperationView({ method, path, op, doc }: Operation & { doc: OpenApiDocument }) {
  const { t } = useT();
  const parameters = (Array.isArray(op.parameters) ? op.parameters : []) as Json[];
  const body = isObject(op.requestBody) ? op.requestBody : null;
  const responses = isObject(op.responses) ? op.responses : {};
  const shared = doc.components.responses as Record<string, Json>;
  return (
    <section class="op" id={String(op.operationId)}>
      <h3>
        <span class={`method method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
      </h3>
      <p>
        <strong>{String(op.summary ?? '')}</strong>
      </p>
      {String(op.description ?? '')
        .split('\n\n')
        .filter(Boolean)
        .map((para) => (
          <p>{para}</p>
        ))}
      {typeof op['x-cairn-scope'] === 'string' && (
        <p>
          {t('apiDocs.scopeOfOperation')} <code>{op['x-cairn-scope']}</code>
        </p>
      )}
      {parameters.length > 0 && <ParametersTable parameters={parameters} />}
      {body && (
        <>
          <h4>{body.required === false ? t('apiDocs.requestBodyOptional') : t('apiDocs.requestBody')}</h4>
          {typeof body.description === 'string' && <p>{body.description}</p>}
          {Object.entries(isObject(body.content) ? body.content : {}).map(([type, media]) => (
            <>
              <p>
                <code>{type}</code>
              </p>
              {isObject(media) && isObject(media.schema) && <BodySchema schema={media.schema} />}
            </>
          ))}
        </>
      )}
      <ResponsesList responses={responses} shared={shared} />
    </section>
  );
}

/** How to authenticate (token, session, OAuth) and what each token scope lets a token do. */
function AuthenticationSection({ scopes }: { scopes: Record<string, string> }) {
  const { t } = useT();
  return (
    <>
      <h2 id="authentication">{t('apiDocs.auth.heading')}</h2>
      <ul>
        <li>
          <strong>{t('apiDocs.auth.tokenName')}</strong>: {t('apiDocs.auth.tokenSend')}{' '}
          <code>Authorization: Bearer cairn_…</code>. {t('apiDocs.auth.tokenMake')}{' '}
          <code>cairn tokens create --org SLUG --scope a,b</code>
          {t('apiDocs.auth.tokenScopes')}
        </li>
        <li>
          <strong>{t('apiDocs.auth.sessionName')}</strong>: {t('apiDocs.auth.session')}
        </li>
        <li>
          <strong>{t('apiDocs.auth.oauthName')}</strong>: {t('apiDocs.auth.oauth')}
        </li>
      </ul>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('apiDocs.auth.scope')}</th>
            <th scope="col">{t('apiDocs.auth.lets')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(scopes).map(([scope, words]) => (
            <tr>
              <td>
                <code>{scope}</code>
              </td>
              <td>{words}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The whole page: how to authenticate, the error shape, then every operation grouped by tag. */
export function ApiDocsPage({ doc }: { doc: OpenApiDocument }) {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) if (isObject(op)) operations.push({ method, path, op });
  }
  const scopes = doc.components.securitySchemes.apiToken['x-cairn-scopes'];
  const schemas = doc.components.schemas as Record<string, Json>;
  const { t } = useT();
  return (
    <div class="docs">
      <h1>{t('apiDocs.title')}</h1>
      <p>
        {t('apiDocs.intro')} <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> {t('apiDocs.importIt')}
      </p>
      <AuthenticationSection scopes={scopes} />
      <h2 id="errors">{t('apiDocs.errors.heading')}</h2>
      <p>{t('apiDocs.errors.text')}</p>
      <p>
        {t('apiDocs.errors.shape')} <code>{'{"error": {"code", "message", "details"}}'}</code>
      </p>
      <h2 id="contents">{t('apiDocs.contents')}</h2>
      <ul class="docs-toc">
        {doc.tags.map((t) => (
          <li>
            <a href={`#tag-${slugOf(t.name)}`}>{t.name}</a>
          </li>
        ))}
        <li>
          <a href="#schemas">{t('apiDocs.schemas')}</a>
        </li>
      </ul>
      {doc.tags.map((t) => {
        const mine = operations.filter((o) => Array.isArray(o.op.tags) && o.op.tags[0] === t.name);
        if (!mine.length) return null;
        return (
          <section>
            <h2 id={`tag-${slugOf(t.name)}`}>{t.name}</h2>
            <p>{t.description}</p>
            {mine.map((o) => (
              <OperationView {...o} doc={doc} />
            ))}
          </section>
        );
      })}
      <h2 id="schemas">{t('apiDocs.schemas')}</h2>
      {Object.entries(schemas).map(([name, schema]) => (
        <section class="op" id={`schema-${name}`}>
          <h3>
            <code>{name}</code>
          </h3>
          <BodySchema schema={schema} />
        </section>
      ))}
    </div>
  );
}
