import {
  DOCUMENT_REF_FIELDS,
  decodeDocument,
  INVOICE_FIELDS,
  type SubclientDocument,
} from "../../protocol/index.js";
import type { RequestOptions } from "../options.js";
import type { Transport } from "../transport.js";
import { create, wireFields } from "./wire-fields.js";

/** An invoice to issue to a sub-client (documents.php add_account=1): by login or by id. */
export type NewInvoice = ({ user: string; userId?: never } | { userId: number; user?: never }) & {
  /** The amount, in the account's currency. */
  sum: number;
  /** What it is for. */
  service?: string;
};

/** `smsc.documents`: invoices and acts for sub-clients, documents.php (api-surface §7). */
export interface Documents {
  /** Issues an invoice; returns its id. NoSuchSubclientError (code 6) for an unknown sub-client. Not retried. */
  createInvoice(invoice: NewInvoice, options?: RequestOptions): Promise<number>;
  /** An invoice by id; NotFoundError (code 3) when there is none. */
  invoice(id: number, options?: RequestOptions): Promise<SubclientDocument>;
  /** The act of an invoice, by the invoice's id or by its number. */
  act(ref: { id: number } | { num: number }, options?: RequestOptions): Promise<SubclientDocument>;
}

/** The `smsc.documents` resource over a transport. */
export function documentsResource(t: Transport): Documents {
  const decode = (b: string) => decodeDocument(b, 3);
  return {
    createInvoice: async (invoice, options) =>
      create(
        t,
        "documents",
        [["add_account", "1"], ...wireFields(INVOICE_FIELDS, invoice, "documents.createInvoice")],
        options,
      ),
    invoice: async (id, options) =>
      t.read(
        "documents",
        [["get_account", "1"], ...wireFields(DOCUMENT_REF_FIELDS, { id }, "documents.invoice")],
        decode,
        options,
      ),
    act: async (ref, options) =>
      t.read(
        "documents",
        [["get_act", "1"], ...wireFields(DOCUMENT_REF_FIELDS, ref, "documents.act")],
        decode,
        options,
      ),
  };
}
