import type { Child } from 'hono/jsx';
import type { OpenApiDocument } from './document.ts';

// The readable API documentation (/api/docs): the OpenAPI document rendered on the server, in
// Cairn's layout, with no script (schemas are nested lists inside <details>). Its rules are the
// "API documentation" section of src/web/assets/app.css (inline styles are blocked).

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const characters = (n: number) => (n === 1 ? '1 character' : `${n} characters`);

/** A schema's type in a few words: `string (date-time)`, `array of object`, `one of …`. */
function typeLabel(s: Json): string {
  if (typeof s.$ref === 'string') return s.$ref.split('/').at(-1) ?? 'schema';
  if ('const' in s) return `exactly ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  const alternatives = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (Array.isArray(alternatives)) return alternatives.map(typeLabel).join(' or ');
  if (Array.isArray(s.allOf)) return (s.allOf as Json[]).map(typeLabel).join(' and ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : typeof s.type === 'string' ? s.type : 'any';
  if (type === 'array' && isObject(s.items)) return `array of ${typeLabel(s.items)}`;
  const bounds = [
    typeof s.format === 'string' ? s.format : null,
    typeof s.minLength === 'number' && s.minLength > 0 ? `at least ${characters(s.minLength)}` : null,
    typeof s.maxLength === 'number' ? `at most ${characters(s.maxLength)}` : null,
    typeof s.minimum === 'number' ? `≥ ${s.minimum}` : null,
    typeof s.maximum === 'number' ? `≤ ${s.maximum}` : null,
    typeof s.minItems === 'number' && s.minItems > 0 ? `at least ${s.minItems}` : null,
    typeof s.maxItems === 'number' ? `at most ${s.maxItems}` : null,
  ].filter(Boolean);
  return bounds.length ? `${type} (${bounds.join(', ')})` : type;
}

/** The parts of a schema that have parts of their own (properties, items, alternatives). */
function children(s: Json): Array<[string, Json, boolean]> {
  const out: Array<[string, Json, boolean]> = [];
  if (isObject(s.properties)) {
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
    for (const [name, sub] of Object.entries(s.properties))
      if (isObject(sub)) out.push([name, sub, required.has(name)]);
  }
  if (isObject(s.additionalProperties)) out.push(['(any key)', s.additionalProperties, false]);
  if (s.type === 'array' && isObject(s.items) && (children(s.items).length || s.items.description))
    out.push(['(each item)', s.items, false]);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = s[key];
    if (Array.isArray(list) && list.some((x) => isObject(x) && children(x).length))
      list.forEach((x, i) => isObject(x) && out.push([`(option ${i + 1})`, x, false]));
  }
  return out;
}

/** A JSON Schema as a nested list of its properties with their types and descriptions. */
export function SchemaView({ schema, depth = 0 }: { schema: Json; depth?: number }): Child {
  const parts = depth < 8 ? children(schema) : [];
  if (!parts.length) return null;
  return (
    <ul class="schema">
      {parts.map(([name, sub, required]) => (
        <li>
          <code>{name}</code> <span class="type">{typeLabel(sub)}</span>
          {required && <span class="req"> required</span>}
          {typeof sub.description === 'string' && <> — {sub.description}</>}
          {typeof sub.$ref === 'string' && (
            <>
              {' '}
              (<a href={`#schema-${sub.$ref.split('/').at(-1)}`}>see below</a>)
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
  return (
    <>
      <p>
        <span class="type">{typeLabel(schema)}</span>
        {typeof schema.description === 'string' && <> — {schema.description}</>}
      </p>
      <SchemaView schema={schema} />
      <details>
        <summary>JSON Schema</summary>
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
  return (
    <>
      <h4>Parameters</h4>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">In</th>
            <th scope="col">Type</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((p) => (
            <tr>
              <td>
                <code>{String(p.name)}</code>
                {p.required === true && <span class="req"> required</span>}
              </td>
              <td>{String(p.in)}</td>
              <td class="type">{isObject(p.schema) ? typeLabel(p.schema) : ''}</td>
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
  return (
    <>
      <h4>Responses</h4>
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
          API token scope: <code>{op['x-cairn-scope']}</code>
        </p>
      )}
      {parameters.length > 0 && <ParametersTable parameters={parameters} />}
      {body && (
        <>
          <h4>Request body{body.required === false ? ' (optional)' : ''}</h4>
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
  return (
    <>
      <h2 id="authentication">Authentication</h2>
      <ul>
        <li>
          <strong>Organisation API token</strong>: send <code>Authorization: Bearer cairn_…</code>.
          Organisation administrators make tokens on the organisation’s “API tokens” page (or{' '}
          <code>cairn tokens create --org SLUG --scope a,b</code>). A token may do only what its scopes allow;
          a request it may not make is refused with 403 <code>insufficient_scope</code>, naming the scope.
        </li>
        <li>
          <strong>Session</strong>: a logged-in browser (the <code>cairn_session</code> cookie); writes also
          send <code>X-CSRF-Token</code> with the <code>cairn_csrf</code> cookie’s value. Roles decide what a
          session may do.
        </li>
        <li>
          <strong>OAuth 2.0</strong>: the Open Badges 3.0 API (<code>/ims/ob/v3p0</code>) takes access tokens
          from Cairn’s authorization server (see its discovery document).
        </li>
      </ul>
      <table>
        <thead>
          <tr>
            <th scope="col">Token scope</th>
            <th scope="col">Lets the token</th>
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
  return (
    <div class="docs">
      <h1>Cairn API</h1>
      <p>
        Institutions’ systems drive Cairn through this JSON API. The same description as OpenAPI 3.1:{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (import it into your tools).
      </p>
      <AuthenticationSection scopes={scopes} />
      <h2 id="errors">Errors</h2>
      <p>
        Every error of the JSON API has one shape, <code>{'{"error": {"code", "message", "details"}}'}</code>:
        a stable snake_case <code>code</code>, a <code>message</code> written for people and{' '}
        <code>details</code> (per-field messages in <code>details.fields</code>, the scope a token lacks in{' '}
        <code>details.requiredScope</code>). The Open Badges 3.0 API answers errors with{' '}
        <code>imsx_StatusInfo</code>, as its specification requires.
      </p>
      <h2 id="contents">Contents</h2>
      <ul class="docs-toc">
        {doc.tags.map((t) => (
          <li>
            <a href={`#tag-${slugOf(t.name)}`}>{t.name}</a>
          </li>
        ))}
        <li>
          <a href="#schemas">Shared schemas</a>
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
      <h2 id="schemas">Shared schemas</h2>
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
