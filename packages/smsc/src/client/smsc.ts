import {
  type BalanceReply,
  decodeBalanceReply,
  decodeCostReply,
  decodeError,
  decodeStatusReply,
  type StatusRecord,
} from "../protocol/index.js";
import { InvalidOptionError } from "./errors.js";
import { generateMessageId } from "./message-id.js";
import { type RequestOptions, resolveOptions, type SmscOptions } from "./options.js";
import { INSPECT } from "./redact.js";
import { type Blacklist, blacklistResource, type Contacts, contactsResource } from "./resources/contacts.js";
import { type Documents, documentsResource } from "./resources/documents.js";
import { type Groups, groupsResource } from "./resources/groups.js";
import {
  type BillingResource,
  billingResource,
  type HistoryResource,
  historyResource,
  type InboxResource,
  inboxResource,
  type NotificationsResource,
  notificationsResource,
  type OperatorsResource,
  operatorsResource,
} from "./resources/index.js";
import { type Mailings, mailingsResource } from "./resources/mailings.js";
import { type Numbers, numbersResource } from "./resources/numbers.js";
import { type OpTemplates, opTemplatesResource } from "./resources/op-templates.js";
import { type Senders, sendersResource } from "./resources/senders.js";
import { type Subclients, subclientsResource } from "./resources/subclients.js";
import { type Templates, templatesResource } from "./resources/templates.js";
import { TinyUrls } from "./resources/tiny-urls.js";
import { requestWaitCall, type WaitCallQuery, type WaitCallResult } from "./resources/wait-call.js";
import { buildSendFields, checkId, phonesOf, type SendParams } from "./send-fields.js";
import { sendWithRecovery } from "./send-with-recovery.js";
import { Transport } from "./transport.js";
import type { CostResult, SendResult, StatusDetail, StatusManyQuery, StatusQuery } from "./types.js";

/**
 * Client of the SMSC HTTP API (smsc.kz, smsc.ru, smsc.ua, smsc.tj, smscentre.com).
 *
 * @example
 * ```ts
 * import {Smsc} from "smsc";
 * const smsc = new Smsc({ login: "demo", password: "demo" });
 * const sent = await smsc.send({ phones: "+77011234567", message: "Your code: 1234" });
 * const state = await smsc.status({ id: sent.id, phone: "+77011234567" });
 * ```
 */
export class Smsc {
  readonly #options: SmscOptions;
  readonly #transport: Transport;
  /** Sent-message history (get.php?get_messages): `for await (const m of smsc.history({ from }))`, or `.page()`. */
  readonly history: HistoryResource;
  /** Incoming SMS (get.php?get_answers): iterate, `.page()`, or `.poll()` for new ones as they arrive. */
  readonly inbox: InboxResource;
  /** Statistics and tariffs (get.php?get_stat, get_price). */
  readonly billing: BillingResource;
  /** Operator look-up (info.php?get_operator). */
  readonly operators: OperatorsResource;
  /** Event notifications through task groups (ping.php). */
  readonly notifications: NotificationsResource;
  /** Short links of `tinyUrl: true` sends and their clicks (tinyurls.php). */
  readonly tinyUrls: TinyUrls;
  /** The address book: contacts of phones.php (`add`, `list`, `change`, `delete`, the group moves). */
  readonly contacts: Contacts;
  /** Contact groups of phones.php; send to one with `phones: "G<num>"`. */
  readonly groups: Groups;
  /** The black list of phones.php: numbers that receive nothing (or no mailings, or no single messages). */
  readonly blacklist: Blacklist;
  /** Sender names of senders.php: registration, moderation state, confirmation codes of digital names. */
  readonly senders: Senders;
  /** Operator templates of op_templates.php. */
  readonly opTemplates: OpTemplates;
  /** Invoices and acts for sub-clients, documents.php. */
  readonly documents: Documents;
  /** templates.php: message templates; `templates.send()` sends one with its placeholders filled. */
  readonly templates: Templates;
  /** jobs.php: mailings run by the service's clock (scheduled, repeating, with SMS fallbacks). */
  readonly mailings: Mailings;
  /** users.php: sub-clients, their money and statistics. */
  readonly subclients: Subclients;
  /** receive_phones.php: dedicated numbers that receive SMS. */
  readonly numbers: Numbers;

  /** Validates the options eagerly; throws InvalidOptionError naming the bad one. */
  constructor(options: SmscOptions = {}) {
    this.#options = { ...options };
    this.#transport = new Transport(resolveOptions(this.#options));
    this.history = historyResource(this.#transport);
    this.inbox = inboxResource(this.#transport);
    this.billing = billingResource(this.#transport);
    this.operators = operatorsResource(this.#transport);
    this.notifications = notificationsResource(this.#transport);
    this.tinyUrls = new TinyUrls(this.#transport);
    this.contacts = contactsResource(this.#transport);
    this.groups = groupsResource(this.#transport);
    this.blacklist = blacklistResource(this.#transport);
    this.senders = sendersResource(this.#transport);
    this.opTemplates = opTemplatesResource(this.#transport);
    this.documents = documentsResource(this.#transport);
    this.templates = templatesResource(this.#transport, (p, o) => this.send(p, o));
    this.mailings = mailingsResource(this.#transport);
    this.subclients = subclientsResource(this.#transport);
    this.numbers = numbersResource(this.#transport);
  }

  /** util.inspect / console.log: the hosts and the login, never a secret. */
  [INSPECT](_depth: number, options: unknown, inspect?: (v: unknown, o?: unknown) => string): string {
    return `Smsc ${inspect ? inspect(this.toJSON(), options) : JSON.stringify(this.toJSON())}`;
  }

  /** JSON.stringify: what util.inspect shows, secrets masked. */
  toJSON(): Record<string, unknown> {
    const o = this.#transport.options;
    return { ...this.#transport.toJSON(), timeout: o.timeout, maxRetries: o.maxRetries };
  }

  /** A copy of this client with some options replaced. */
  withOptions(partial: SmscOptions): Smsc {
    return new Smsc({ ...this.#options, ...partial });
  }

  /**
   * Sends a message (send.php, cost=3). Always sends an `id` (generated when absent) so that a lost reply can be
   * recovered without sending twice; see https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Failover".
   */
  async send(params: SendParams, options: RequestOptions = {}): Promise<SendResult> {
    const id = params.id ?? generateMessageId(this.#transport.options.random);
    const fields = buildSendFields({ ...params, id });
    return sendWithRecovery(this.#transport, [["cost", "3"], ...fields], id, phonesOf(params), options);
  }

  /** Prices a send without sending it (send.php, cost=1). Takes the same parameters as `send`. */
  async cost(params: SendParams, options: RequestOptions = {}): Promise<CostResult> {
    const fields = [["cost", "1"] as [string, string], ...buildSendFields(params, "cost")];
    return this.#transport.read("send", fields, (b) => decodeCostReply(b, 3), options);
  }

  /** Status of one message (status.php); `all` adds detail, HLR data is in `hlr`. Unknown → status -3. */
  status(query: StatusQuery, options?: RequestOptions): Promise<StatusRecord>;
  /** Status of several messages in one request; one record per id, in order. */
  status(query: StatusManyQuery, options?: RequestOptions): Promise<StatusRecord[]>;
  async status(query: StatusQuery | StatusManyQuery, options: RequestOptions = {}) {
    const multi = "ids" in query;
    const fields = statusFields(query, multi);
    const all = detail(query.all);
    const records = await this.#transport.read(
      "status",
      [...fields, ["all", String(all)]],
      (b) => decodeStatusReply(b, 3, { all, multi }),
      options,
    );
    return multi ? records : records[0]!;
  }

  /** Balance with currency, and the credit limit when the account has one (balance.php, cur=1). */
  async balance(options: RequestOptions = {}): Promise<BalanceReply> {
    return this.#transport.read("balance", [["cur", "1"]], (b) => decodeBalanceReply(b, 3), options);
  }

  /**
   * Confirmation by call (wait_call.php): the number the subscriber `phone` has to call. The call's result comes to
   * the account's handler URL as a `waitcall` callback; see https://github.com/smsc-kz/smsc/blob/main/docs/sdk.md "Confirmation by call".
   * @example
   * const { phone: callTo } = await smsc.waitCall({ phone: "+77011234567" });
   */
  waitCall(query: WaitCallQuery, options?: RequestOptions): Promise<WaitCallResult> {
    return requestWaitCall(this.#transport, query, options);
  }

  /** Deletes a sent message (status.php, del=1). Throws DeleteFailedError (code 5) when it cannot. */
  async delete(query: { id: StatusQuery["id"]; phone: string }, options: RequestOptions = {}): Promise<void> {
    const fields = [...statusFields(query, false), ["del", "1"] as [string, string]];
    await this.#transport.read("status", fields, (b) => decodeError(b, 3) ?? true, options);
  }
}

function detail(all: unknown): StatusDetail {
  if (all === undefined) return 0;
  if (all !== 0 && all !== 1 && all !== 2) throw new InvalidOptionError("status.all", "must be 0, 1 or 2");
  return all;
}

function statusFields(q: StatusQuery | StatusManyQuery, multi: boolean): Array<[string, string]> {
  if (!multi) {
    const { id, phone } = q as StatusQuery;
    if (typeof phone !== "string") throw new InvalidOptionError("status.phone", "must be a string");
    return [
      ["phone", phone],
      ["id", checkId(id, "status.id")],
    ];
  }
  const { ids, phones } = q as StatusManyQuery;
  if (!Array.isArray(ids) || ids.length === 0)
    throw new InvalidOptionError("status.ids", "must be a non-empty array");
  const list = typeof phones === "string" ? ids.map(() => phones) : [...phones];
  if (list.length !== ids.length) throw new InvalidOptionError("status.phones", "must have one phone per id");
  // a trailing comma keeps the multi format for a single id (spec §4.1)
  const tail = ids.length === 1 ? "," : "";
  return [
    ["phone", list.join(",") + tail],
    ["id", ids.map((id) => checkId(id, "status.ids")).join(",") + tail],
  ];
}
