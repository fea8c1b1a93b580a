import { JOB_REPEATS, JOB_STATUSES } from "smsc/protocol";
import {
  type ApiSection,
  bool,
  closed,
  int,
  type JsonSchema,
  listOf,
  num,
  ref,
  str,
  time,
} from "../openapi/api-spec.js";
import { API_PREFIX } from "./api-routes.js";

const nullable = (type: string, description: string, extra: JsonSchema = {}): JsonSchema => ({
  type: [type, "null"],
  description,
  ...extra,
});

const RUN = closed({
  run: int("The run's number, 1 for the first."),
  kind: str("A run of the mailing, or the fallback to its undelivered numbers.", { enum: ["run", "follow"] }),
  at: time("When it was made."),
  messages: int("Messages it produced."),
  cost: num("What they cost."),
  sendId: nullable("integer", "The send's server id; null for a refused run."),
  error: nullable("integer", "The send.php error code of a refused run; null when it went out."),
});

const FALLBACK = {
  description: "What undelivered numbers of a run get (jobs.php mes2, sender2, fl[5]), or null.",
  oneOf: [
    { type: "null" },
    closed(
      {
        mes2: str("The SMS text sent instead."),
        sender2: str("Its sender name."),
        auto: bool("fl[5]=1: undelivered messages are repeated automatically."),
      },
      ["mes2", "sender2"],
    ),
  ],
};

/** The mailings route (`GET /api/v1/mailings` in api-routes.ts, presented by present-mailing.ts), documented (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md "Mailings"). */
export const MAILING_API: ApiSection = {
  tag: "mailings",
  description: "jobs.php mailings with their progress and every run (docs/inspection-api.md#mailings).",
  schemas: {
    Mailing: closed({
      id: int("The mailing's id (jobs.php `id`)."),
      login: str("The account."),
      name: str("Its name."),
      status: str("Its state.", { enum: Object.values(JOB_STATUSES).map((s) => s.name) }),
      repeat: str("How often it runs.", { enum: Object.values(JOB_REPEATS) }),
      repeats: nullable("integer", "Repeats after the first run; null: no limit."),
      createdAt: time("Created."),
      firstAt: time("Its first run."),
      nextAt: nullable("string", "The next run; null when none is due.", { format: "date-time" }),
      runs: int("Runs made."),
      messages: int("Messages its runs produced."),
      cost: num("What they cost."),
      phones: nullable("string", "The numbers of each run (send.php `phones`), or null."),
      text: nullable("string", "The text of each run (send.php `mes`), or null."),
      sender: nullable("string", "The sender name of each run, or null."),
      fallback: FALLBACK,
      params: {
        type: "object",
        additionalProperties: { type: "string" },
        description: "The send.php parameters of each run.",
      },
      history: { type: "array", items: RUN, description: "One entry per run or fallback, oldest first." },
    }),
    MailingList: listOf("mailings", ref("Mailing")),
  },
  operations: [
    {
      method: "GET",
      path: `${API_PREFIX}/mailings`,
      id: "listMailings",
      summary: "jobs.php mailings, newest first",
      description: "Reading it first makes the runs that are due by the sandbox's clock.",
      query: [
        { name: "login", description: "Only this account's (also `account`).", schema: { type: "string" } },
        { name: "account", description: "Same as login.", schema: { type: "string" } },
        {
          name: "limit",
          description: "At most this many (0–1000).",
          schema: { type: "integer", minimum: 0, maximum: 1000, default: 200 },
        },
      ],
      replies: { 200: { description: "The mailings.", schema: ref("MailingList") } },
      errors: [400],
    },
  ],
};
