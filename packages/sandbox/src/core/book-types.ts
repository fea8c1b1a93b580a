import type { SenderState } from "smsc/protocol";
import type { ContactRecord, GroupRecord } from "../store/contacts.js";
import type { InvoiceRecord } from "../store/invoices.js";
import type { OpTemplateRecord } from "../store/op-templates.js";
import type { Account } from "../store/records.js";
import type { SenderRecord } from "../store/senders.js";
import type { Fate } from "./fate.js";

/** What a phones.php request answers. */
export type PhonesReply =
  | { kind: "id"; id: number }
  | { kind: "done" }
  | { kind: "contacts"; list: ContactRecord[] }
  | { kind: "groups"; list: GroupRecord[] };

/** A sender name with its state now and when it last changed. */
export interface SenderView {
  record: SenderRecord;
  state: SenderState;
  changedAt: number;
}

/** What a senders.php request answers. */
export type SendersReply =
  | { kind: "id"; id: number }
  | { kind: "done" }
  | { kind: "list"; list: SenderView[] };

/** What an op_templates.php request answers. */
export type OpTemplatesReply = { kind: "id"; id: number } | { kind: "list"; list: OpTemplateRecord[] };

/** What a documents.php request answers: a new invoice's id, or an invoice or act with its sub-client. */
export type DocumentsReply =
  | { kind: "id"; id: number }
  | { kind: "document"; type: "account" | "act"; invoice: InvoiceRecord; user: Account; issuer: Account };

/** phones.php as the adapters see it. */
export interface ContactsService {
  /** One phones.php request in its wire parameters (api-surface §4). */
  serve(account: Account, params: Record<string, string>): Fate<PhonesReply>;
}

/** senders.php as the adapters see it. */
export interface SendersService {
  /** One senders.php request in its wire parameters (api-surface §5); `send_code` sends an SMS. */
  serve(account: Account, params: Record<string, string>): Promise<Fate<SendersReply>>;
}

/** op_templates.php as the adapters see it. */
export interface OpTemplatesService {
  /** One op_templates.php request in its wire parameters (api-surface §6). */
  serve(account: Account, params: Record<string, string>): Fate<OpTemplatesReply>;
}

/** documents.php as the adapters see it. */
export interface DocumentsService {
  /** One documents.php request in its wire parameters (api-surface §7). */
  serve(account: Account, params: Record<string, string>): Fate<DocumentsReply>;
}

/** The moderator's side of sender names: every account's names, and approving or rejecting one. */
export interface SenderModeration {
  /** Names of one account (of every account without one), by id. */
  list(accountId?: number): SenderView[];
  /** Approves or rejects a name now; undefined when there is none with this id. */
  decide(id: number, approve: boolean): SenderView | undefined;
}
