import {
  decodeSenders,
  SENDER_CODE_FIELDS,
  SENDER_FIELDS,
  SENDER_MAIL_FIELDS,
  SENDER_QUERY_FIELDS,
  SENDER_REF_FIELDS,
  type SenderName,
} from "../../protocol/index.js";
import { InvalidOptionError } from "../errors.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { change, create, list, wireFields } from "./wire-fields.js";

/** A sender name's comment and registration details (protocol SENDER_FIELDS). */
export interface SenderDetails {
  comment?: string;
  legalName?: string;
  inn?: string;
  site?: string;
  email?: string;
  address?: string;
  description?: string;
  purpose?: string;
}

/** A name to register (senders.php add=1): letters (up to 11) go to moderation; a phone number waits for its code. */
export interface NewSender extends SenderDetails {
  sender: string;
}

/** Which names to list (senders.php get=1). */
export interface SenderQuery {
  /** Every name of the account, not only the approved ones. */
  all?: boolean;
  /** Only names whose state changed since this day. */
  fromDate?: Date | string;
  /** Only names with a greater id (paging). */
  prevId?: number;
  /** At most this many. */
  cnt?: number;
}

/** A name by its id (number) or its text (string). */
export type SenderRef = number | string;

/** `smsc.senders`: sender names of senders.php (api-surface §5). Calls that change them are not retried. */
export interface Senders {
  /** The approved names (`all`: every name with its `state`); [] when there are none. */
  list(query?: SenderQuery, options?: RequestOptions): Promise<SenderName[]>;
  /** Registers a name; returns its id. OperationFailedError (code 5) when the account has it already. */
  add(sender: NewSender, options?: RequestOptions): Promise<number>;
  /** Registers an e-mail sender address; returns its id. */
  addMail(address: string, comment?: string, options?: RequestOptions): Promise<number>;
  /** Changes a name's details; `sender` (with an id) renames it, which sends it through moderation again. */
  change(
    ref: SenderRef,
    changes: SenderDetails & { sender?: string },
    options?: RequestOptions,
  ): Promise<void>;
  /** Deletes a name; NotFoundError (code 3) when there is none. */
  delete(ref: SenderRef, options?: RequestOptions): Promise<void>;
  /** Sends a confirmation code by SMS to a digital name; CodeAlreadySentError (10) within 8 hours of the last. */
  sendCode(ref: SenderRef, extra?: { siteName?: string }, options?: RequestOptions): Promise<void>;
  /** Confirms a digital name with the code it received; WrongCodeError (11) when it is not that code. */
  checkCode(ref: SenderRef, code: string, options?: RequestOptions): Promise<void>;
}

/** The `smsc.senders` resource over a transport. */
export function sendersResource(t: Transport): Senders {
  const ref = (r: SenderRef) =>
    wireFields(SENDER_REF_FIELDS, typeof r === "number" ? { id: r } : { sender: r }, "senders.ref");
  return {
    list: async (query = {}, options) =>
      list(
        t,
        "senders",
        [["get", "1"], ...wireFields(SENDER_QUERY_FIELDS, query, "senders.list")],
        (b) => decodeSenders(b, 3),
        options,
      ),
    add: async (sender, options) =>
      create(t, "senders", [["add", "1"], ...wireFields(SENDER_FIELDS, sender, "senders.add")], options),
    addMail: async (mail, comment, options) =>
      create(
        t,
        "senders",
        [["add", "1"], ...wireFields(SENDER_MAIL_FIELDS, { mail, comment }, "senders.addMail")],
        options,
      ),
    async change(r, changes, options) {
      // the service finds the name by `sender` unless an id is given, so only an id can go with a new text
      if (typeof r === "string" && changes.sender !== undefined)
        throw new InvalidOptionError("senders.change.sender", "renames a name given by its id only");
      const fields = wireFields(SENDER_FIELDS, changes, "senders.change");
      return change(t, "senders", [["chg", "1"], ...ref(r), ...fields], options);
    },
    delete: async (r, options) => change(t, "senders", [["del", "1"], ...ref(r)], options),
    sendCode: async (r, extra = {}, options) =>
      change(
        t,
        "senders",
        [["send_code", "1"], ...ref(r), ...wireFields(SENDER_CODE_FIELDS, extra, "senders.sendCode")],
        options,
      ),
    checkCode: async (r, code, options) =>
      change(
        t,
        "senders",
        [["check_code", "1"], ...ref(r), ...wireFields(SENDER_CODE_FIELDS, { code }, "senders.checkCode")],
        options,
      ),
  };
}
