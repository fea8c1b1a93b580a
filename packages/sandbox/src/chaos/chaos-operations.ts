import { CHAOS_ENDPOINTS } from "../core/chaos.js";
import {
  type ApiSection,
  bool,
  closed,
  int,
  type JsonSchema,
  num,
  ref,
  str,
} from "../http/openapi/api-spec.js";

const SETTINGS: Record<string, JsonSchema> = {
  errors: {
    type: "array",
    description: "Injected errors, checked in order; the first that fires answers.",
    items: closed({
      endpoint: str("The script.", { enum: [...CHAOS_ENDPOINTS] }),
      code: int("A code of the endpoint's error table (spec §3)."),
      probability: num("0–1.", { minimum: 0, maximum: 1 }),
    }),
  },
  latency: closed({ min: int("ms", { minimum: 0 }), max: int("ms", { minimum: 0 }) }),
  resetRate: num("Probability of destroying a /sys request's socket before the core acts.", {
    minimum: 0,
    maximum: 1,
  }),
  rateLimits: bool("The error-9 limits and the per-IP block."),
  slowReplyMs: int("How long the slow magic number's reply waits, ms.", { minimum: 0 }),
};

const LISTENERS = closed({
  listeners: {
    type: "array",
    items: closed({
      index: int("0 is the primary, 1… the mirrors."),
      url: str("Its base URL."),
      port: int("Its port."),
      up: bool("Whether it accepts connections."),
    }),
  },
});

const N = {
  n: { description: "The listener: 0 is the primary, 1… the mirrors.", schema: { type: "integer" } },
};

/** The chaos API's routes (chaos-routes.ts), documented. */
export const CHAOS_API: ApiSection = {
  tag: "chaos",
  description: "Injected errors, latency, resets and mirror listeners (docs/chaos.md).",
  schemas: {
    ChaosSettings: closed(SETTINGS),
    ChaosSettingsChange: { type: "object", properties: SETTINGS, additionalProperties: false },
    Listeners: LISTENERS,
  },
  operations: [
    {
      method: "GET",
      path: "/api/v1/chaos",
      id: "getChaos",
      summary: "The chaos settings",
      replies: { 200: { description: "The settings.", schema: ref("ChaosSettings") } },
    },
    {
      method: "PUT",
      path: "/api/v1/chaos",
      id: "setChaos",
      summary: "Change the chaos settings it names; the rest stay",
      body: { required: true, schema: ref("ChaosSettingsChange") },
      replies: { 200: { description: "The settings now.", schema: ref("ChaosSettings") } },
    },
    {
      method: "GET",
      path: "/api/v1/mirrors",
      id: "listListeners",
      summary: "The primary listener and the mirrors, with their state",
      replies: { 200: { description: "The listeners.", schema: ref("Listeners") } },
    },
    ...(["down", "up"] as const).map((action) => ({
      method: "POST" as const,
      path: `/api/v1/mirrors/:n/${action}`,
      id: `listener${action === "down" ? "Down" : "Up"}`,
      summary:
        action === "down"
          ? "Take a listener down: its connections are refused until it is brought up"
          : "Bring a listener up again on its port",
      pathParams: N,
      replies: { 200: { description: "The listeners.", schema: ref("Listeners") } },
      errors: [404 as const],
    })),
  ],
};
