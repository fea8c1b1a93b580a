import { SENDER_STATES } from "smsc/protocol";
import { type ApiSection, bool, closed, int, listOf, ref, str, time } from "../openapi/api-spec.js";
import { API_PREFIX } from "./api-routes.js";

const STATES = Object.keys(SENDER_STATES).map(Number);
const ID = { id: { description: "The sender name's id (senders.php `id`).", schema: { type: "integer" } } };

/** The moderator's routes (sender-routes.ts), documented (https://github.com/smsc-kz/smsc/blob/main/docs/inspection-api.md "Sender names"). */
export const SENDER_API: ApiSection = {
  tag: "senders",
  description:
    "The moderator's side of senders.php: sender names with their state, approved or rejected by hand " +
    "(docs/inspection-api.md#sender-names).",
  schemas: {
    Sender: closed(
      {
        id: int("The name's id."),
        login: str("The account that registered it."),
        sender: str("The sender name."),
        digital: bool("A phone number: confirmed by a code instead of moderation."),
        state: int("0 on moderation, 1 approved, 2 rejected, 3 waiting for the confirmation code.", {
          enum: STATES,
        }),
        stateName: str("The state's name.", { enum: Object.values(SENDER_STATES).map((s) => s.name) }),
        changedAt: time("When the state last changed."),
        createdAt: time("Registered."),
        approveAt: time("When moderation approves a name still waiting for it (none once decided)."),
        codeSentAt: time("When the last confirmation code was sent (digital names)."),
        details: {
          type: "object",
          additionalProperties: { type: "string" },
          description: "The comment and registration details, by SDK name.",
        },
      },
      ["approveAt", "codeSentAt"],
    ),
    SenderList: listOf("senders", ref("Sender")),
  },
  operations: [
    {
      method: "GET",
      path: `${API_PREFIX}/senders`,
      id: "listSenders",
      summary: "Sender names with their state, by id",
      query: [{ name: "login", description: "Only this account's.", schema: { type: "string" } }],
      replies: { 200: { description: "The names.", schema: ref("SenderList") } },
      errors: [404],
    },
    ...(["approve", "reject"] as const).map((action) => ({
      method: "POST" as const,
      path: `${API_PREFIX}/senders/:id/${action}`,
      id: `${action}Sender`,
      summary: `${action === "approve" ? "Approve" : "Reject"} a sender name now`,
      description: "A later decision replaces an earlier one.",
      pathParams: ID,
      replies: { 200: { description: "The name with its new state.", schema: ref("Sender") } },
      errors: [404 as const],
    })),
  ],
};
