/**
 * The shape of the tables the OpenAPI document is generated from. Each feature that registers /api/v1 routes keeps
 * one `ApiSection` beside them (`http/api/api-operations.ts`, `http/api/mailing-operations.ts`,
 * `http/api/sender-operations.ts`, `http/api/wait-call-operations.ts`, `chaos/chaos-operations.ts`,
 * `callbacks/callback-operations.ts`); `openApiDocument()` turns the sections into OpenAPI 3.1, and
 * test/openapi.test.ts holds the result against `router.routes()` and the real replies.
 */

/** A JSON Schema (draft 2020-12, OpenAPI 3.1's dialect). */
export type JsonSchema = { [keyword: string]: unknown };

/** A query or path parameter. */
export interface ApiParameter {
  name: string;
  description: string;
  schema: JsonSchema;
  required?: boolean;
}

/** One documented reply. */
export interface ApiReply {
  description: string;
  /** The JSON body; none for a reply without one. */
  schema?: JsonSchema;
  /** @default "application/json" */
  contentType?: string;
}

/** Error statuses an operation can answer besides the ones every route has (403; 415 for state changes). */
export type ErrorStatus = 400 | 404 | 408 | 409 | 410 | 413 | 503;

/** One route of the API, documented. */
export interface ApiOperation {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The router's pattern: `/api/v1/messages/:id`. */
  path: string;
  /** Unique name of the operation (`listMessages`). */
  id: string;
  summary: string;
  description?: string;
  /** Descriptions (and schemas) of the `:name` segments; a segment without one is a plain string. */
  pathParams?: Record<string, { description: string; schema?: JsonSchema }>;
  query?: ApiParameter[];
  /** The JSON body it reads; none when it reads none. */
  body?: { description?: string; schema: JsonSchema; required?: boolean };
  /** The success replies by status. */
  replies: Record<number, ApiReply>;
  /** The error statuses it may answer, each as `{ "error": … }`. */
  errors?: ErrorStatus[];
}

/** A group of operations (an OpenAPI tag) with the schemas they name. */
export interface ApiSection {
  tag: string;
  description: string;
  /** Component schemas, referenced as `ref(name)`. */
  schemas: Record<string, JsonSchema>;
  operations: ApiOperation[];
}

/** A reference to a component schema. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** An object schema whose every listed property is required and nothing else is allowed. */
export function closed(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: "object",
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

/** `{ "<key>": [items] }`, the API's list replies. */
export const listOf = (key: string, item: JsonSchema): JsonSchema =>
  closed({ [key]: { type: "array", items: item } });

/** A string with a description. */
export const str = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: "string",
  description,
  ...extra,
});

/** An integer with a description. */
export const int = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: "integer",
  description,
  ...extra,
});

/** A number with a description. */
export const num = (description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: "number",
  description,
  ...extra,
});

/** A boolean with a description. */
export const bool = (description: string): JsonSchema => ({ type: "boolean", description });

/** An ISO 8601 UTC time. */
export const time = (description: string): JsonSchema => ({
  type: "string",
  format: "date-time",
  description,
});
