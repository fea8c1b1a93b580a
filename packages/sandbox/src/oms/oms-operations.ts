import { type ErrorReply, MAX_MESSAGE_LENGTH, PART_LIMITS, parsePhone } from "smsc/protocol";
import { isErrorReply } from "../core/api-error.js";
import { answer, type Fate, refuse } from "../core/fate.js";
import type { Account, Core, SendOutcome } from "../core/types.js";
import type { SoapOperation, SoapRequest } from "../soap/soap-endpoint.js";
import type { XmlNode } from "../soap/xml.js";
import { omsCodeOf } from "./oms-codes.js";
import {
  OmsDocumentError,
  type OmsError,
  type OmsMessage,
  type OmsUser,
  readXmsBatch,
  readXmsData,
  readXmsUser,
  serviceInfoDoc,
  userInfoDoc,
  xmsResponseDoc,
  xmsResponsesDoc,
} from "./oms-documents.js";
import { OMS_METHODS, OMS_PREFIX, type OmsMethod } from "./oms-wsdl.js";

/** What the sandbox announces in serviceInfo and holds messages to (docs/protocol.md "OMS"). */
export const OMS_LIMITS = {
  /** Recipients of one xmsData. */
  maxRecipientsPerMessage: 100,
  /** xmsData elements of one xmsBatch. */
  batchSize: 20,
} as const;

/** `<oms:DeliverXmsResponse><oms:DeliverXmsResult>…document…</oms:DeliverXmsResult></oms:DeliverXmsResponse>`. */
const wrap = (method: OmsMethod, doc: string): XmlNode => ({
  name: `${OMS_PREFIX}:${method}Response`,
  children: [{ name: `${OMS_PREFIX}:${method}Result`, text: doc }],
});

/** The method's one string parameter. */
const param = (req: SoapRequest, method: OmsMethod) => req.fields[OMS_METHODS[method].param ?? ""] ?? "";

/** Authenticates an OMS user: userId + password as login + psw; an empty userId makes the password an API key. */
function authenticate(core: Core, u: OmsUser, ip: string | undefined): Account | ErrorReply {
  return core.authenticate({
    ...(u.userId === "" ? { apikey: u.password } : { login: u.userId, psw: u.password }),
    ...(ip ? { ip } : {}),
  });
}

const failure = (e: ErrorReply, recipients?: string[]): OmsError => {
  const code = omsCodeOf(e.code);
  return { code, content: e.error, ...(code === "invalidRecipient" && recipients ? { recipients } : {}) };
};

/** The refusals OMS itself makes before the core: the service, the recipients' count, the text's length. */
function precheck(m: OmsMessage): OmsError | undefined {
  if (m.service !== "SMS_SENDER" || m.format !== "SMS")
    return {
      code: "unregisteredService",
      content: `only SMS_SENDER with format SMS, not ${m.service}/${m.format}`,
    };
  if (m.recipients.length > OMS_LIMITS.maxRecipientsPerMessage)
    return { code: "others", content: `more than ${OMS_LIMITS.maxRecipientsPerMessage} recipients` };
  if ([...m.text].length > MAX_MESSAGE_LENGTH)
    return { code: "lengthLimit", content: `longer than ${MAX_MESSAGE_LENGTH} characters` };
  if (m.scheduled !== undefined && Number.isNaN(Date.parse(m.scheduled)))
    return { code: "others", content: "scheduled is not an xs:dateTime" };
  return undefined;
}

/** The send.php parameters of a message: its recipients, its text, its time; err=1 names the numbers not sent to. */
function sendParams(m: OmsMessage, phones: string[]): Record<string, string> {
  return {
    phones: phones.join(","),
    mes: m.text,
    err: "1",
    ...(m.scheduled !== undefined ? { time: `0${Math.floor(Date.parse(m.scheduled) / 1000)}` } : {}),
  };
}

/** A message's errors as its fate: `ok`, or what went wrong; a lost reply or request stays lost. */
async function deliver(core: Core, m: OmsMessage, ip: string | undefined): Promise<Fate<OmsError[]>> {
  const refused = precheck(m);
  if (refused) return answer([refused]);
  const account = authenticate(core, m.user, ip);
  if (isErrorReply(account)) return answer([failure(account)]);
  // a number with a list separator in it would be split into others: it is refused as it stands
  const unusable = m.recipients.filter((r) => r === "" || /[,;]/.test(r));
  const phones = m.recipients.filter((r) => !unusable.includes(r));
  if (phones.length === 0)
    return answer([{ code: "invalidRecipient", content: "no valid recipient", recipients: m.recipients }]);
  const fate: Fate<SendOutcome> = await core.send({ account, params: sendParams(m, phones), origin: "oms" });
  switch (fate.kind) {
    case "error":
      return answer([failure(fate.error, m.recipients)], fate.afterMs);
    case "lose-request":
      return fate;
    default: {
      const bad = [
        ...unusable,
        ...(fate.value.reply.phones ?? []).filter((p) => p.error).map((p) => p.phone),
      ];
      const errors: OmsError[] = bad.length
        ? [{ code: "invalidRecipient", content: "not sent to these recipients", recipients: bad }]
        : [{ code: "ok" }];
      return { ...fate, value: errors };
    }
  }
}

/** DeliverXms (and Outlook 2007's SendXms): one xmsData through the core; the reply is its xmsResponse. */
function deliverOperation(method: "DeliverXms" | "SendXms"): SoapOperation<OmsError[]> {
  return {
    element: method,
    serve(core, req) {
      let m: OmsMessage;
      try {
        m = readXmsData(param(req, method));
      } catch (e) {
        if (e instanceof OmsDocumentError) return answer([{ code: "others", content: e.message }]);
        throw e;
      }
      return deliver(core, m, req.ip);
    },
    reply: (errors) => wrap(method, xmsResponseDoc(errors)),
    error: (e) => wrap(method, xmsResponseDoc([failure(e)])),
  };
}

type BatchResult = Array<{ id?: string; errors: OmsError[] }>;

/**
 * DeliverXmsBatch: every xmsData of an xmsBatch through the core, in order, each answered by its own xmsResponse
 * (with its id). The batch has one reply: when the fate of any message loses it, the reply is lost.
 */
const batchOperation: SoapOperation<BatchResult> = {
  element: "DeliverXmsBatch",
  async serve(core, req) {
    let messages: OmsMessage[];
    try {
      messages = readXmsBatch(param(req, "DeliverXmsBatch"));
    } catch (e) {
      if (e instanceof OmsDocumentError)
        return answer([{ errors: [{ code: "others", content: e.message }] }]);
      throw e;
    }
    const tooMany = messages.length > OMS_LIMITS.batchSize;
    const out: BatchResult = [];
    let lost = false;
    let afterMs = 0;
    for (const m of messages) {
      const fate = tooMany
        ? answer<OmsError[]>([
            { code: "others", content: `more than ${OMS_LIMITS.batchSize} messages in the batch` },
          ])
        : await deliver(core, m, req.ip);
      afterMs = Math.max(afterMs, fate.afterMs ?? 0);
      if (fate.kind === "lose-reply" || fate.kind === "lose-request") lost = true;
      const errors = "value" in fate ? fate.value : [];
      out.push({ ...(m.id !== undefined ? { id: m.id } : {}), errors });
    }
    if (lost) return { kind: "lose-reply", value: out, ...(afterMs ? { afterMs } : {}) };
    return answer(out, afterMs);
  },
  reply: (results) => wrap("DeliverXmsBatch", xmsResponsesDoc(results)),
  error: (e) => wrap("DeliverXmsBatch", xmsResponsesDoc([{ errors: [failure(e)] }])),
};

/** GetUserInfo: authenticates the xmsUser and reports the user's number (docs/protocol.md "OMS"). */
const userInfoOperation: SoapOperation<{ replyPhone: string }> = {
  element: "GetUserInfo",
  serve(core, req) {
    let u: OmsUser;
    try {
      u = readXmsUser(param(req, "GetUserInfo"));
    } catch (e) {
      if (e instanceof OmsDocumentError) return refuse({ code: 1, error: e.message });
      throw e;
    }
    const account = authenticate(core, u, req.ip);
    if (isErrorReply(account)) return refuse(account);
    const own = u.replyPhone !== undefined ? parsePhone(u.replyPhone) : undefined;
    return answer({ replyPhone: own?.digits ?? account.sender });
  },
  reply: (v) => wrap("GetUserInfo", userInfoDoc(v.replyPhone, { code: "ok" })),
  error: (e) => wrap("GetUserInfo", userInfoDoc(undefined, failure(e))),
};

/** GetServiceInfo: the sandbox as a provider of SMS, with the service's limits (no user is needed). */
const serviceInfoOperation: SoapOperation<null> = {
  element: "GetServiceInfo",
  serve: () => answer(null),
  reply: (_, req) =>
    wrap(
      "GetServiceInfo",
      serviceInfoDoc({
        serviceProvider: "SMSC sandbox",
        serviceUri: req.location,
        signUpPage: `${new URL(req.location).origin}/`,
        targetLocale: 1049,
        localName: "SMSC — песочница",
        englishName: "SMSC sandbox",
        authenticationType: "Other",
        sms: {
          maxRecipientsPerMessage: OMS_LIMITS.maxRecipientsPerMessage,
          // a long text is one message of several parts: one per send (SPMobileMessageServiceProvider.SmsSenderInfo)
          maxMessagesPerSend: 1,
          maxSbcsPerMessage: PART_LIMITS.gsm7.single,
          maxDbcsPerMessage: PART_LIMITS.ucs2.single,
          long: { maxSbcsPerMessage: MAX_MESSAGE_LENGTH, maxDbcsPerMessage: MAX_MESSAGE_LENGTH },
        },
        batchSize: OMS_LIMITS.batchSize,
      }),
    ),
  error: (e) => wrap("GetServiceInfo", xmsResponseDoc([failure(e)])),
};

/** The OMS web methods, one operation each. */
export const OMS_OPERATIONS: ReadonlyArray<SoapOperation<unknown>> = [
  serviceInfoOperation,
  userInfoOperation,
  deliverOperation("DeliverXms"),
  deliverOperation("SendXms"),
  batchOperation,
] as ReadonlyArray<SoapOperation<unknown>>;
