import {
  type BalanceReply,
  type ErrorReply,
  moneyJson,
  moneyText,
  type PhoneDetail,
  type StatusRecord,
} from "smsc/protocol";
import { apiError, isErrorReply } from "../core/api-error.js";
import { type Fate, refuse } from "../core/fate.js";
import type { Account, Core, SendOutcome } from "../core/types.js";
import { SMSC_PREFIX, SMSC_SOAP_OPERATIONS, type SmscSoapOperation } from "./smsc-wsdl.js";
import type { SoapOperation, SoapRequest } from "./soap-endpoint.js";
import type { XmlNode } from "./xml.js";

/** A wrapper's values by field name; `errors` holds the Error items of send_sms2. */
type ResultValues = { [field: string]: string | number | PhoneDetail[] | undefined; errors?: PhoneDetail[] };

/** Parameters `query` may not set: credentials and the reply's shape belong to SOAP itself. */
const NOT_FROM_QUERY = new Set(["login", "psw", "apikey", "fmt", "charset", "cost"]);

/**
 * The reply element of an operation: `<ns1:SendResponse><sendresult>…</sendresult></ns1:SendResponse>`, the
 * wrapper's children unqualified (the schema has no elementFormDefault) and in the WSDL's order, absent ones left out.
 */
function result(op: SmscSoapOperation, values: ResultValues): XmlNode {
  const o = SMSC_SOAP_OPERATIONS[op];
  const children = o.result.flatMap((f): XmlNode[] => {
    if (f.name === "errors")
      return (values.errors ?? []).map((p) => ({
        name: "errors",
        children: [
          { name: "phone", text: p.phone },
          { name: "status", text: String(p.status ?? p.error ?? "") },
        ],
      }));
    const v = values[f.name];
    return v === undefined || Array.isArray(v) ? [] : [{ name: f.name, text: String(v) }];
  });
  return { name: `${SMSC_PREFIX}:${o.output}`, children: [{ name: o.wrapper, children }] };
}

/** The service's error in the wrapper's `error` field, with the id the error carries (send errors 3, 6, 7, 8). */
const errorResult = (op: SmscSoapOperation) => (e: ErrorReply) =>
  result(op, { error: e.code, ...(e.id !== undefined ? { id: String(e.id) } : {}) });

/** Authenticates with login + psw or apikey (spec §1.4), then serves; error 2 or 4 in the reply otherwise. */
function signedIn<T>(
  core: Core,
  { fields: f, ip }: SoapRequest,
  serve: (account: Account) => Fate<T> | Promise<Fate<T>>,
): Fate<T> | Promise<Fate<T>> {
  const auth = core.authenticate({
    ...(f.login !== undefined ? { login: f.login } : {}),
    ...(f.psw !== undefined ? { psw: f.psw } : {}),
    ...(f.apikey ? { apikey: f.apikey } : {}),
    ...(ip ? { ip } : {}),
  });
  return isErrorReply(auth) ? refuse(auth) : serve(auth);
}

/** The `query` field (`p1=v1&p2=v2`, get_status2's syntax) as send.php parameters, without what SOAP owns. */
function queryParams(query: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(query ?? "")) if (!NOT_FROM_QUERY.has(k)) out[k] = v;
  return out;
}

/** The named fields that are present, as send.php parameters. */
function pick(f: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (f[n] !== undefined ? [[n, f[n]]] : [])));
}

/** A send.php request of an authenticated SOAP call, through the core. */
const submit = (core: Core, req: SoapRequest, params: Record<string, string>) =>
  signedIn(core, req, (account) => core.send({ account, params, origin: "soap" }));

const SEND_FIELDS = ["phones", "mes", "id", "sender", "time"] as const;

/** send_sms / send_sms2 (send.php; send_sms2 adds `query` and lists the numbers not sent to in `errors`). */
function sendOperation(op: "send_sms" | "send_sms2", element: string): SoapOperation<SendOutcome> {
  const withErrors = op === "send_sms2";
  return {
    element,
    serve: (core, req) =>
      submit(core, req, {
        ...(withErrors ? queryParams(req.fields.query) : {}),
        ...pick(req.fields, SEND_FIELDS),
        // errors[] lists the numbers that were not sent to: send.php's err=1 (docs/protocol.md "SOAP")
        ...(withErrors ? { err: "1" } : {}),
      }),
    reply: (o) =>
      result(op, {
        ...(o.kind === "sent" ? { id: String(o.reply.id), balance: moneyText(o.reply.balance ?? 0) } : {}),
        cost: moneyText(o.reply.cost ?? 0),
        cnt: o.reply.cnt,
        ...(withErrors ? { errors: (o.reply.phones ?? []).filter((p) => p.error) } : {}),
      }),
    error: errorResult(op),
  };
}

/** get_sms_cost / get_sms_cost2 (send.php with cost=1). */
function costOperation(op: "get_sms_cost" | "get_sms_cost2", element: string): SoapOperation<SendOutcome> {
  return {
    element,
    serve: (core, req) =>
      submit(core, req, {
        ...(op === "get_sms_cost2" ? queryParams(req.fields.query) : {}),
        ...pick(req.fields, ["phones", "mes"]),
        cost: "1",
      }),
    reply: (o) => result(op, { cost: moneyText(o.reply.cost ?? 0), cnt: o.reply.cnt }),
    error: errorResult(op),
  };
}

/** The detail level of a status request: the field, else (get_status2) the query's. */
const allOf = (req: SoapRequest): 0 | 1 | 2 => {
  const v = req.fields.all ?? new URLSearchParams(req.fields.query ?? "").get("all");
  return v === "1" ? 1 : v === "2" ? 2 : 0;
};

/** A status record as statusresult's fields for a detail level (the status page's lists, spec §9.1). */
function statusValues(r: StatusRecord, all: 0 | 1 | 2): ResultValues {
  if (r.status === -3 && !r.lastTimestamp) return { status: r.status };
  return {
    status: r.status,
    last_date: r.lastDate,
    last_timestamp: r.lastTimestamp,
    err: r.err,
    ...(all >= 1
      ? {
          send_date: r.sendDate ?? "",
          send_timestamp: r.sendTimestamp ?? 0,
          phone: r.phone ?? "",
          cost: moneyJson(r.cost ?? 0),
          sender_id: r.senderId ?? "",
          status_name: r.statusName ?? "",
          message: r.message ?? "",
          sms_cnt: r.smsCnt ?? 0,
        }
      : {}),
    ...(all === 2 ? { operator: r.operator ?? "", region: r.region ?? "" } : {}),
  };
}

/** get_status / get_status2 (status.php for one message; get_status2's query may add `del=1`). */
function statusOperation(op: "get_status" | "get_status2", element: string): SoapOperation<StatusRecord[]> {
  return {
    element,
    serve: (core, req) =>
      signedIn(core, req, (account) => {
        const { id = "", phone = "" } = req.fields;
        // statusresult holds one record: the comma lists of status.php have no place in it
        if (id.includes(",") || phone.includes(",")) return refuse(apiError(1, "status"));
        return core.status({
          account,
          ids: [id],
          phones: [phone],
          all: allOf(req),
          del: op === "get_status2" && new URLSearchParams(req.fields.query ?? "").get("del") === "1",
        });
      }),
    reply: (records, req) => result(op, statusValues(records[0]!, allOf(req))),
    error: errorResult(op),
  };
}

/** get_balance: the balance and `error` 0 ("no errors", the SOAP balance page). */
const balanceOperation: SoapOperation<BalanceReply> = {
  element: SMSC_SOAP_OPERATIONS.get_balance.input,
  serve: (core, req) => signedIn(core, req, (account) => core.balance(account)),
  reply: (b) => result("get_balance", { balance: moneyText(b.balance), error: 0 }),
  error: errorResult("get_balance"),
};

/** The operations of soap.php, one per WSDL operation. */
export const SMSC_OPERATIONS: ReadonlyArray<SoapOperation<unknown>> = [
  balanceOperation,
  sendOperation("send_sms", SMSC_SOAP_OPERATIONS.send_sms.input),
  sendOperation("send_sms2", SMSC_SOAP_OPERATIONS.send_sms2.input),
  costOperation("get_sms_cost", SMSC_SOAP_OPERATIONS.get_sms_cost.input),
  costOperation("get_sms_cost2", SMSC_SOAP_OPERATIONS.get_sms_cost2.input),
  statusOperation("get_status", SMSC_SOAP_OPERATIONS.get_status.input),
  statusOperation("get_status2", SMSC_SOAP_OPERATIONS.get_status2.input),
] as ReadonlyArray<SoapOperation<unknown>>;
