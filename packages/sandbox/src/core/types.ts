import type { BalanceReply, CostMode, CostReply, ErrorReply, SendReply, StatusRecord } from "smsc/protocol";
import type { Account, IncomingMessage, Message, Origin } from "../store/records.js";
import type { Fate } from "./fate.js";
import type { Mailings } from "./mailings.js";
import type { Numbers } from "./numbers.js";
import type { Subclients } from "./subclients.js";
import type { Templates } from "./templates.js";

export type {
  Account,
  AccountSeed,
  IncomingMessage,
  Message,
  Origin,
  StatusChange,
  StoredMessage,
} from "../store/records.js";

/** Credentials of a request, and where it came from (for the per-IP block). */
export interface Credentials {
  login?: string;
  psw?: string;
  apikey?: string;
  /** Remote address; auth failures are counted per address (spec §3.3). */
  ip?: string;
}

/** A send.php request in its wire vocabulary, from any adapter. */
export interface SendInput {
  account: Account;
  /** send.php wire parameters with decoded text values; unknown names are ignored. `cost=1` prices only. */
  params: Record<string, string>;
  origin: Origin;
  /** A mailing's run (jobs.php), not a request: the per-minute duplicate limit does not apply. */
  scheduled?: boolean;
}

/** What a send.php request did, when its fate lets it act. */
export type SendOutcome =
  | {
      kind: "sent";
      reply: SendReply;
      /** The reply shape the request asked for (cost=0, 2 or 3). */
      costMode: Exclude<CostMode, 1>;
      /** The stored recipients: row ids `first` … `first + count - 1`, in the order of the request. */
      rows: { first: number; count: number };
    }
  | { kind: "priced"; reply: CostReply };

/** A status.php lookup. `ids` and `phones` are in the same order; a missing phone matches any number. */
export interface StatusInput {
  account: Account;
  ids: string[];
  phones: string[];
  all: 0 | 1 | 2;
  /** Delete the found messages (error 5 when none is found). */
  del: boolean;
}

/** A get.php?get_answers=1 query (spec §6.2). */
export interface AnswersInput {
  account: Account;
  /** At most this many. */
  cnt: number;
  /** Only the last `hour` hours. */
  hour?: number;
  /** Only ids above this one, oldest first. */
  afterId?: number;
  /** Only SMS to this number of the account. */
  toPhone?: string;
}

/** The core's events and their payloads. */
export interface CoreEvents {
  /** A message was stored. */
  message: Message;
  /** A message's status changed. */
  status: Message;
  /** An incoming SMS was stored. */
  incoming: IncomingMessage;
  /** Messages were deleted (status.php del=1 or the inspection API), by row id. */
  deleted: { ids: number[] };
  /** The sandbox was reset. */
  reset: Record<string, never>;
}

/** Subscribing to the core's events; the core computes a payload only when someone listens. */
export interface CoreEventSource {
  /** Subscribes; call the returned function to unsubscribe. */
  on<K extends keyof CoreEvents>(event: K, fn: (payload: CoreEvents[K]) => void): () => void;
}

/**
 * The domain core as the protocol adapters (HTTP, SMTP, SMPP) see it: what each request may do, and its fate
 * (docs/architecture.md "Sandbox core contract"). Tests, chaos and inspection use the separate `CoreControl`.
 */
export interface Core {
  /** Checks login + psw (plain or MD5) or apikey; error 2, or 4 for a blocked address. */
  authenticate(creds: Credentials): Account | ErrorReply;
  /** send.php: validates, prices, stores (after the commit) and decides the reply's fate. `cost=1` prices only. */
  send(input: SendInput): Promise<Fate<SendOutcome>>;
  /** status.php: the records of the asked messages, in order (-3 for unknown ones). */
  status(input: StatusInput): Fate<StatusRecord[]>;
  /** balance.php. */
  balance(account: Account): Fate<BalanceReply>;
  /** get.php?get_answers=1: incoming SMS of an account, oldest first. */
  answers(input: AnswersInput): IncomingMessage[];
  /** templates.php: message templates. */
  templates: Templates;
  /** jobs.php: mailings, run by the clock through `send`'s path. */
  mailings: Mailings;
  /** users.php: sub-clients, accounts of their own under a main account. */
  subclients: Subclients;
  /** receive_phones.php: rented inbound numbers. */
  numbers: Numbers;
  events: CoreEventSource;
}
