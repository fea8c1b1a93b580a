import type { ApiOperation, ApiReply, ApiSection, ErrorStatus, JsonSchema } from "./api-spec.js";
import { ref } from "./api-spec.js";

/** What each error status means, for every operation that can answer it. */
const ERROR_REPLIES: Record<ErrorStatus | 403 | 415, string> = {
  400: "Bad input: a parameter or the body is invalid (a malformed percent-escape in the path included).",
  403: "Refused: a Host name the sandbox does not serve (DNS rebinding), or a page on an origin `--cors` does not allow.",
  404: "No such message, account, listener or sender name, or no wait_call.php request waits for that number.",
  408: "The wait timed out.",
  409: "The request conflicts with the current state.",
  410: "What it names has expired.",
  413: "The body is larger than 1 MiB.",
  415: "Not sent as `Content-Type: application/json` (a POST needs it even without a body).",
  503: "The sandbox is closing.",
};

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The error body every refusal has. */
const ERROR_SCHEMA: JsonSchema = {
  type: "object",
  description: "What is wrong, in English.",
  properties: { error: { type: "string" } },
  required: ["error"],
  additionalProperties: false,
};

/** `/api/v1/messages/:id` → `/api/v1/messages/{id}`. */
export const openApiPath = (pattern: string): string => pattern.replace(/:([A-Za-z_]\w*)/g, "{$1}");

/** The `:name` segments of a router pattern, in order. */
const pathParamNames = (pattern: string): string[] =>
  [...pattern.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);

function reply({ description, schema, contentType = "application/json" }: ApiReply): Record<string, unknown> {
  return { description, ...(schema ? { content: { [contentType]: { schema } } } : {}) };
}

function operation(op: ApiOperation, tag: string): Record<string, unknown> {
  const parameters = [
    ...pathParamNames(op.path).map((name) => ({
      name,
      in: "path",
      required: true,
      description: op.pathParams?.[name]?.description ?? name,
      schema: op.pathParams?.[name]?.schema ?? { type: "string" },
    })),
    ...(op.query ?? []).map((p) => ({
      name: p.name,
      in: "query",
      ...(p.required ? { required: true } : {}),
      description: p.description,
      schema: p.schema,
    })),
  ];
  const errors = new Set<ErrorStatus | 403 | 415>([...(op.errors ?? []), 403]);
  if (STATE_CHANGING.has(op.method)) errors.add(415);
  if (op.body) errors.add(400).add(413);
  const responses: Record<string, unknown> = {};
  for (const [status, r] of Object.entries(op.replies)) responses[status] = reply(r);
  for (const status of [...errors].sort((a, b) => a - b))
    responses[String(status)] = reply({ description: ERROR_REPLIES[status], schema: ref("Error") });
  return {
    operationId: op.id,
    tags: [tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.body.required ?? false,
            ...(op.body.description ? { description: op.body.description } : {}),
            content: { "application/json": { schema: op.body.schema } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, built from the features' sections. Throws when two sections name the same
 * schema, operation id, or method and path: a table mistake, found at the first request (and by the tests).
 */
export function openApiDocument(sections: readonly ApiSection[]): Record<string, unknown> {
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();
  for (const section of sections) {
    for (const [name, schema] of Object.entries(section.schemas)) {
      if (name in schemas) throw new Error(`OpenAPI schema ${name} is defined twice`);
      schemas[name] = schema;
    }
    for (const op of section.operations) {
      if (ids.has(op.id)) throw new Error(`OpenAPI operation id ${op.id} is used twice`);
      ids.add(op.id);
      const path = openApiPath(op.path);
      const item = paths[path] ?? {};
      paths[path] = item;
      const method = op.method.toLowerCase();
      if (item[method]) throw new Error(`OpenAPI operation ${op.method} ${op.path} is documented twice`);
      item[method] = operation(op, section.tag);
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "smsc-sandbox inspection API",
      version: "1",
      summary:
        "Inspect and control a local SMSC sandbox: messages, incoming SMS, accounts, mailings, sender names, " +
        "wait_call.php requests, short links, chaos, callbacks.",
      description:
        'JSON in and out; errors are `{ "error": … }`. No authentication: the sandbox serves loopback. A POST, ' +
        "PUT, PATCH or DELETE must be sent as `Content-Type: application/json` (a POST even without a body), and " +
        "pages on other origins are refused unless the sandbox was started with `--cors` (docs/browser.md). The " +
        "service's own scripts (/sys/*.php) are documented in docs/protocol.md, not here.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/", description: "this sandbox" }],
    tags: sections.map((s) => ({ name: s.tag, description: s.description })),
    paths,
    components: { schemas },
  };
}
