import type { WsdlField, WsdlService } from "./wsdl.js";

/** The service's SOAP endpoint; `?wsdl` gives its WSDL (spec §9.1, api-surface §14). */
export const SOAP_PATH = "/sys/soap.php";
/** targetNamespace and every operation's SOAPAction of the saved WSDL (api-surface §14). */
export const SMSC_SOAP_NS = "http://smsc.ru/sys/soap.php";
/** The prefix replies give SMSC_SOAP_NS (`<ns1:SendResponse>`, as PHP's SoapServer writes it). */
export const SMSC_PREFIX = "ns1";

const req = (name: string): WsdlField => ({ name, type: "string", min: 1, max: 1 });
const opt = (name: string): WsdlField => ({ name, type: "string", min: 0, max: 1 });
// `apikey` is on the service's SOAP pages but not in the saved WSDL: appended as optional (docs/protocol.md "SOAP")
const APIKEY = opt("apikey");
const STATUS_FIELDS = [
  "status",
  "last_date",
  "last_timestamp",
  "err",
  "error",
  "send_date",
  "send_timestamp",
  "phone",
  "cost",
  "sender_id",
  "status_name",
  "message",
  "operator",
  "region",
  // on the status page (all=1), not in the saved WSDL: appended (docs/protocol.md "SOAP")
  "sms_cnt",
] as const;

const CREDENTIALS = [req("login"), req("psw")] as const;
const SEND = [...CREDENTIALS, req("phones"), req("mes"), opt("id"), opt("sender"), opt("time")] as const;
const SEND_RESULT = [opt("id"), opt("balance"), opt("cost"), opt("cnt"), opt("error")] as const;
const COST = [...CREDENTIALS, req("phones"), req("mes")] as const;
const COST_RESULT = [opt("cost"), opt("cnt"), opt("error")] as const;
const STATUS = [...CREDENTIALS, req("phone"), req("id"), opt("all")] as const;
const STATUS_RESULT = STATUS_FIELDS.map(opt);

/**
 * The seven operations as the saved WSDL declares them (api-surface §14): the operation, its request element and
 * fields, its reply element, the wrapper inside it and the wrapper's type and fields, and its message names.
 */
export const SMSC_SOAP_OPERATIONS = {
  get_balance: {
    input: "balance",
    fields: [...CREDENTIALS, APIKEY],
    output: "BalanceResponse",
    wrapper: "balanceresult",
    type: "BalanceResponseType",
    result: [opt("balance"), opt("error")],
    messages: "Balance",
  },
  send_sms: {
    input: "send",
    fields: [...SEND, APIKEY],
    output: "SendResponse",
    wrapper: "sendresult",
    type: "SendResponseType",
    result: SEND_RESULT,
    messages: "Send",
  },
  send_sms2: {
    input: "send2",
    fields: [...SEND, opt("query"), APIKEY],
    output: "Send2Response",
    wrapper: "sendresult",
    type: "Send2ResponseType",
    result: [...SEND_RESULT, { name: "errors", type: "tns:Error", min: 0, max: "unbounded" }],
    messages: "Send2",
  },
  get_sms_cost: {
    input: "cost",
    fields: [...COST, APIKEY],
    output: "CostResponse",
    wrapper: "costresult",
    type: "CostResponseType",
    result: COST_RESULT,
    messages: "Cost",
  },
  get_sms_cost2: {
    input: "cost2",
    fields: [...COST, req("query"), APIKEY],
    output: "Cost2Response",
    wrapper: "costresult",
    type: "Cost2ResponseType",
    result: COST_RESULT,
    messages: "Cost2",
  },
  get_status: {
    input: "status",
    fields: [...STATUS, APIKEY],
    output: "StatusResponse",
    wrapper: "statusresult",
    type: "StatusResponseType",
    result: STATUS_RESULT,
    messages: "Status",
  },
  get_status2: {
    input: "status2",
    fields: [...STATUS, req("query"), APIKEY],
    output: "Status2Response",
    wrapper: "statusresult",
    type: "Status2ResponseType",
    result: STATUS_RESULT,
    messages: "Status2",
  },
} as const satisfies Record<
  string,
  {
    input: string;
    fields: readonly WsdlField[];
    output: string;
    wrapper: string;
    type: string;
    result: readonly WsdlField[];
    messages: string;
  }
>;

/** An operation's name. */
export type SmscSoapOperation = keyof typeof SMSC_SOAP_OPERATIONS;

const ops = Object.entries(SMSC_SOAP_OPERATIONS);

/** The WSDL of soap.php: service `Service`, port and binding `ServiceSoap`, document/literal (api-surface §14). */
export const SMSC_WSDL: WsdlService = {
  namespace: SMSC_SOAP_NS,
  qualified: false,
  service: "Service",
  portType: "ServiceSoap",
  binding: "ServiceSoap",
  port: "ServiceSoap",
  types: [
    { name: "Error", fields: [req("phone"), req("status")] },
    ...ops.map(([, o]) => ({ name: o.type, fields: o.result })),
  ],
  elements: ops.flatMap(([, o]) => [
    { name: o.input, fields: o.fields },
    {
      name: o.output,
      fields: [{ name: o.wrapper, type: `tns:${o.type}` as const, min: 1, max: 1 } as const],
    },
  ]),
  operations: ops.map(([name, o]) => ({
    name,
    soapAction: SMSC_SOAP_NS,
    input: o.input,
    output: o.output,
    inMessage: `${o.messages}In`,
    outMessage: `${o.messages}Out`,
  })),
};
