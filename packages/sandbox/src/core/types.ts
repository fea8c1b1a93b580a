import type {
  BalanceReply,
  CostMode,
  CostReply,
  ErrorReply,
  HistoryRecord,
  MessageId,
  OperatorInfo,
  SendReply,
  StatRecord,
  StatusRecord,
  TariffZone,
} from "smsc/protocol";
import type { Account, IncomingMessage, Message, Origin } from "../store/records.js";
import type { ContactsService, DocumentsService, OpTemplatesService, SendersService } from "./book-types.js";
import type { Fate } from "./fate.js";
import type { Mailings } from "./mailing-types.js";
import type { Numbers } from "./numbers.js";
import type { ShortLinks } from "./short-links.js";
import type { Subclients } from "./subclients.js";
import type { Templates } from "./templates.js";
import type { WaitCallEvent, WaitCalls } from "./wait-calls.js";

export type {
  Account,
  AccountSeed,
  IncomingMessage,
  Message,
  MessageState,
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

/** A request of a script that reads or notifies (get.php, info.php, ping.php) in its wire vocabulary. */
export interface ScriptInput {
  account: Account;
  /** Wire parameters with decoded text values; credentials are ignored. */
  params: Record<string, string>;
}

/** What an operator look-up found, and whether it was asked as a list (a comma in `phone`). */
export interface OperatorAnswer {
  infos: OperatorInfo[];
  list: boolean;
}

/** What a notification sent: the send's id and parts, as send.php answers them. */
export interface NotifyOutcome {
  id: MessageId;
  cnt: number;
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
  /** A confirmation-by-call request was made, or the subscriber called (wait_call.php). */
  waitcall: WaitCallEvent;
}

/** Subscribing to the core's events; the core computes a payload only when someone listens. */
export interface CoreEventSource {
  /** Subscribes; call the returned function to unsubscribe. */
  on<K extends keyof CoreEvents>(event: K, fn: (payload: CoreEvents[K]) => void): () => void;
}

/**
 * The domain core as the protocol adapters (HTTP, SMTP, SMPP) see it: what each request may do, and its fate
 * (https://github.com/smsc-kz/smsc/blob/main/docs/architecture.md "Sandbox core contract"). Tests, chaos and inspection use the separate `CoreControl`.
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
  /** get.php?get_answers=1: incoming SMS of an account, oldest first; error 3 when none match, 9 when repeated. */
  answers(input: AnswersInput): Fate<IncomingMessage[]>;
  /** get.php?get_messages=1: one page of the sent-message history, newest first (core/history.ts). */
  history: { page(input: ScriptInput): Fate<HistoryRecord[]> };
  /** get.php?get_stat=1 and get_price=1: statistics and the price table (core/billing.ts). */
  billing: { stats(input: ScriptInput): Fate<StatRecord>; tariffs(input: ScriptInput): Fate<TariffZone[]> };
  /** info.php?get_operator=1: operators of numbers (core/operators.ts). */
  operators: { lookup(input: ScriptInput): Fate<OperatorAnswer> };
  /** ping.php: event notifications to a task group (core/notifications.ts). */
  notifications: { notify(input: ScriptInput): Promise<Fate<NotifyOutcome>> };
  /** wait_call.php: the number a subscriber calls to confirm their own. */
  waitCalls: WaitCalls;
  /** tinyurls.php: the clicks of a short link. */
  shortLinks: ShortLinks;
  /** phones.php: contacts, groups and the black list (api-surface §4). */
  contacts: ContactsService;
  /** senders.php: sender names, their moderation and confirmation codes (api-surface §5). */
  senders: SendersService;
  /** op_templates.php: operator templates (api-surface §6). */
  opTemplates: OpTemplatesService;
  /** documents.php: invoices and acts for sub-clients (api-surface §7). */
  documents: DocumentsService;
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
