import { type ErrorReply, MAX_MESSAGE_LENGTH, PART_LIMITS, parsePhone } from "smsc/protocol";
import { isErrorReply } from "../core/api-error.js";
import { answer, type Fate, refuse } from "../core/fate.js";
import type { Account, Core, SendOutcome } from "../core/types.js";
import type { SoapOperation, SoapRequest } from "../soap/soap-endpoint.js";
import type { XmlNode } from "../soap/xml.js";
import { omsCodeOf } from "./oms-codes.js";
import {
  type OmsBatchItem,
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

/**
 * What the sandbox announces in serviceInfo and holds messages to
 * (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "OMS").
 */
export const OMS_LIMITS = {
  /** Recipients of one xmsData. */
  maxRecipientsPerMessage: 100,
  /** Separate text messages (text/plain contents) in one xmsData: a long text is one message of several parts. */
  maxMessagesPerSend: 1,
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

/** The refusals OMS itself makes before a send: the service, the media, the counts, the length, the time. */
function precheck(m: OmsMessage): OmsError | undefined {
  if (m.service !== "SMS_SENDER" || m.format !== "SMS")
    return {
      code: "unregisteredService",
      content: `only SMS_SENDER with format SMS, not ${m.service}/${m.format}`,
    };
  if (m.media !== undefined) return { code: "invalidMedia", content: `an SMS carries no ${m.media} content` };
  if (m.texts.length > OMS_LIMITS.maxMessagesPerSend)
    return {
      code: "others",
      content: `${m.texts.length} text contents: one xmsData carries ${OMS_LIMITS.maxMessagesPerSend} message (maxMessagesPerSend)`,
    };
  if (m.recipients.length > OMS_LIMITS.maxRecipientsPerMessage)
    return { code: "others", content: `more than ${OMS_LIMITS.maxRecipientsPerMessage} recipients` };
  if ([...(m.texts[0] ?? "")].length > MAX_MESSAGE_LENGTH)
    return { code: "lengthLimit", content: `longer than ${MAX_MESSAGE_LENGTH} characters` };
  if (m.scheduled !== undefined && Number.isNaN(Date.parse(m.scheduled)))
    return { code: "others", content: "scheduled is not an xs:dateTime" };
  return undefined;
}

/** The send.php parameters of a message: its recipients, its text, its time; err=1 names the numbers not sent to. */
function sendParams(m: OmsMessage, phones: string[]): Record<string, string> {
  return {
    phones: phones.join(","),
    mes: m.texts[0] ?? "",
    err: "1",
    ...(m.scheduled !== undefined ? { time: `0${Math.floor(Date.parse(m.scheduled) / 1000)}` } : {}),
  };
}

/**
 * A message's errors as its fate: `ok`; `ok` and `invalidRecipient` when some recipients were not sent to (so a
 * client does not send again to those who got it); or what went wrong. A lost reply or request stays lost.
 */
async function deliver(core: Core, m: OmsMessage, ip: string | undefined): Promise<Fate<OmsError[]>> {
  const account = authenticate(core, m.user, ip);
  if (isErrorReply(account)) return answer([failure(account)]);
  const refused = precheck(m);
  if (refused) return answer([refused]);
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
      const errors: OmsError[] = [{ code: "ok" }];
      if (bad.length)
        errors.push({ code: "invalidRecipient", content: "not sent to these recipients", recipients: bad });
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

/** The answer of a message the batch does not send: too many in the batch, or an xmsData that cannot be read. */
const unsent = (content: string) => answer<OmsError[]>([{ code: "others", content }]);

/**
 * DeliverXmsBatch: every xmsData of an xmsBatch through the core, in order, each answered by its own xmsResponse
 * (with its id). A batch over batchSize sends none. The batch has one reply: when the fate of any message loses it,
 * the reply is lost (the messages that went, went).
 */
const batchOperation: SoapOperation<BatchResult> = {
  element: "DeliverXmsBatch",
  async serve(core, req) {
    let items: OmsBatchItem[];
    try {
      items = readXmsBatch(param(req, "DeliverXmsBatch"));
    } catch (e) {
      if (e instanceof OmsDocumentError)
        return answer([{ errors: [{ code: "others", content: e.message }] }]);
      throw e;
    }
    if (items.length === 0)
      return answer([{ errors: [{ code: "others", content: "the xmsBatch holds no xmsData" }] }]);
    const tooMany = items.length > OMS_LIMITS.batchSize;
    const out: BatchResult = [];
    let lost = false;
    let afterMs = 0;
    for (const item of items) {
      const fate = tooMany
        ? unsent(`more than ${OMS_LIMITS.batchSize} messages in the batch (batchSize): none was sent`)
        : "unreadable" in item
          ? unsent(item.unreadable)
          : await deliver(core, item, req.ip);
      afterMs = Math.max(afterMs, fate.afterMs ?? 0);
      if (fate.kind === "lose-reply" || fate.kind === "lose-request") lost = true;
      const errors = "value" in fate ? fate.value : [];
      out.push({ ...(item.id !== undefined ? { id: item.id } : {}), errors });
    }
    if (lost) return { kind: "lose-reply", value: out, ...(afterMs ? { afterMs } : {}) };
    return answer(out, afterMs);
  },
  reply: (results) => wrap("DeliverXmsBatch", xmsResponsesDoc(results)),
  error: (e) => wrap("DeliverXmsBatch", xmsResponsesDoc([{ errors: [failure(e)] }])),
};

/**
 * GetUserInfo: authenticates the xmsUser and reports the user's number: the replyPhone the client sent, else the
 * account's sender name (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "OMS").
 */
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
          maxMessagesPerSend: OMS_LIMITS.maxMessagesPerSend,
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
