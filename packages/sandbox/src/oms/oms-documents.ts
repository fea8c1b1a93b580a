import {
  attribute,
  childrenNamed,
  parseXml,
  writeXml,
  type XmlElement,
  XmlError,
  type XmlNode,
} from "../soap/xml.js";
import { OMS_CODES, type OmsCode } from "./oms-codes.js";
import { OMS_NS, SERVICE_INFO_NS } from "./oms-wsdl.js";

/**
 * The XML documents OMS carries as strings inside its SOAP calls (Office 2010 Mobile Service Guidelines part 3):
 * xmsUser, xmsData and xmsBatch read; serviceInfo, userInfo, xmsResponse and xmsResponses written.
 */

/** A document that is not the one the method takes; the message says what is wrong (it becomes `<content>`). */
export class OmsDocumentError extends Error {
  override name = "OmsDocumentError";
}

/** The sender's credentials (xmsUser, or xmsData's user). */
export interface OmsUser {
  userId: string;
  password: string;
  /** The user's own mobile number, as the client knows it. */
  replyPhone?: string;
}

/** One message (xmsData). */
export interface OmsMessage {
  user: OmsUser;
  /** xmsHead/requiredService: SMS_SENDER, MMS_SENDER. */
  service: string;
  /** xmsHead/scheduled, an xs:dateTime. */
  scheduled?: string;
  recipients: string[];
  /** xmsBody/@format: SMS, MMS. */
  format: string;
  /** The text of each text/plain content: one per SMS (the client splits what it sends into these). */
  texts: string[];
  /** The contentType of the first content that is not text/plain (media an SMS cannot carry), if any. */
  media?: string;
  /** The id a batch gives it (@id), echoed in its response. */
  id?: string;
}

/** One error element of a response (its severity comes with its code, OMS_CODES). */
export interface OmsError {
  code: OmsCode;
  content?: string;
  /** Recipients the error applies to (written `a;b`). */
  recipients?: string[];
}

// Microsoft's own pages print the namespace both as http:// and as https://; nothing else is taken for it
const OMS_NAMESPACES = new Set(["", OMS_NS, OMS_NS.replace("http:", "https:")]);

function root(xml: string, local: string): XmlElement {
  let el: XmlElement;
  try {
    el = parseXml(xml, { maxDepth: 16, maxElements: 20_000 });
  } catch (e) {
    // only where reading stopped: the reader's own words may quote the document, and it carries a password
    if (e instanceof XmlError)
      throw new OmsDocumentError(
        `the ${local} string is not well-formed XML (line ${e.line}, column ${e.column})`,
      );
    throw e;
  }
  return checked(el, local);
}

function checked(el: XmlElement, local: string): XmlElement {
  if (el.local !== local || !OMS_NAMESPACES.has(el.ns))
    throw new OmsDocumentError(`expected an ${local} element in ${OMS_NS}, got ${el.local}`);
  return el;
}

/** A content without a contentType is text, as in Microsoft's SMS examples. */
const isText = (c: XmlElement) => /^text\/plain\b/i.test(attribute(c, "contentType") ?? "text/plain");

const child = (el: XmlElement | undefined, local: string) => el?.children.find((c) => c.local === local);
const text = (el: XmlElement | undefined, local: string) => child(el, local)?.text.trim();

function user(el: XmlElement | undefined): OmsUser {
  if (!el) throw new OmsDocumentError("the message has no user element");
  const replyPhone = text(el, "replyPhone");
  return {
    userId: text(el, "userId") ?? "",
    password: child(el, "password")?.text ?? "",
    ...(replyPhone ? { replyPhone } : {}),
  };
}

/** Reads an xmsUser string (GetUserInfo). */
export function readXmsUser(xml: string): OmsUser {
  return user(root(xml, "xmsUser"));
}

/** Reads an xmsData string (DeliverXms), or an xmsData element of a batch. */
export function readXmsData(xml: string | XmlElement): OmsMessage {
  const el = typeof xml === "string" ? root(xml, "xmsData") : checked(xml, "xmsData");
  const head = child(el, "xmsHead");
  const body = child(el, "xmsBody");
  if (!head || !body) throw new OmsDocumentError("xmsData needs an xmsHead and an xmsBody");
  const scheduled = text(head, "scheduled");
  const id = attribute(el, "id");
  const contents = childrenNamed(body, "content");
  const mediaEl = contents.find((c) => !isText(c));
  return {
    user: user(child(el, "user")),
    service: text(head, "requiredService") ?? "SMS_SENDER",
    ...(scheduled ? { scheduled } : {}),
    recipients: childrenNamed(child(head, "to") ?? head, "recipient").map((r) => r.text.trim()),
    format: attribute(body, "format") ?? "SMS",
    texts: contents.filter((c) => isText(c)).map((c) => c.text),
    ...(mediaEl ? { media: attribute(mediaEl, "contentType") ?? "" } : {}),
    ...(id !== undefined ? { id } : {}),
  };
}

/** One xmsData of a batch: read, or the reason it cannot be (answered in its own xmsResponse). */
export type OmsBatchItem = OmsMessage | { id?: string; unreadable: string };

/**
 * Reads an xmsBatch string (DeliverXmsBatch): its xmsData children, in order. A batch that cannot be read is an
 * OmsDocumentError; an xmsData in it that cannot be is an item of its own, so the others still go.
 */
export function readXmsBatch(xml: string): OmsBatchItem[] {
  return childrenNamed(root(xml, "xmsBatch"), "xmsData").map((m): OmsBatchItem => {
    try {
      return readXmsData(m);
    } catch (e) {
      if (!(e instanceof OmsDocumentError)) throw e;
      const id = attribute(m, "id");
      return { ...(id !== undefined ? { id } : {}), unreadable: e.message };
    }
  });
}

/** A document as the string a method returns: with its XML declaration, in UTF-8. */
const doc = (node: XmlNode) => writeXml(node, { declaration: true });

function errorNode(e: OmsError): XmlNode {
  return {
    name: "error",
    attributes: { code: e.code, severity: OMS_CODES[e.code].severity },
    children: [
      e.content !== undefined && { name: "content", text: e.content },
      e.recipients?.length ? { name: "recipientList", text: e.recipients.join(";") } : undefined,
    ],
  };
}

/** The service as a provider describes itself (GetServiceInfo). */
export interface ServiceInfo {
  serviceProvider: string;
  serviceUri: string;
  signUpPage: string;
  /** An LCID: 1049 is ru-RU. */
  targetLocale: number;
  localName: string;
  englishName: string;
  authenticationType: string;
  sms: {
    maxRecipientsPerMessage: number;
    maxMessagesPerSend: number;
    maxSbcsPerMessage: number;
    maxDbcsPerMessage: number;
    /** Concatenated (long) SMS: the whole text's limits. */
    long: { maxSbcsPerMessage: number; maxDbcsPerMessage: number };
  };
  /** Messages per DeliverXmsBatch call. */
  batchSize: number;
}

/** Writes a serviceInfo document (in its own namespace, …/OMS/serviceInfo). */
export function serviceInfoDoc(s: ServiceInfo): string {
  const n = (name: string, v: string | number): XmlNode => ({ name, text: String(v) });
  const { long, ...sms } = s.sms;
  return doc({
    name: "serviceInfo",
    attributes: { xmlns: SERVICE_INFO_NS },
    children: [
      n("serviceProvider", s.serviceProvider),
      n("serviceUri", s.serviceUri),
      n("signUpPage", s.signUpPage),
      n("targetLocale", s.targetLocale),
      n("localName", s.localName),
      n("englishName", s.englishName),
      n("authenticationType", s.authenticationType),
      {
        name: "supportedService",
        children: [
          {
            name: "SMS_SENDER",
            attributes: Object.fromEntries(Object.entries(sms).map(([k, v]) => [k, String(v)])),
            children: [
              {
                name: "LONG_SMS_SENDER",
                attributes: Object.fromEntries(Object.entries(long).map(([k, v]) => [k, String(v)])),
              },
            ],
          },
        ],
      },
      n("batchSize", s.batchSize),
    ],
  });
}

/** Writes a userInfo document (GetUserInfo): the user's number, and `ok` or the error. */
export function userInfoDoc(replyPhone: string | undefined, error: OmsError): string {
  return doc({
    name: "userInfo",
    attributes: { xmlns: OMS_NS },
    children: [replyPhone !== undefined && { name: "replyPhone", text: replyPhone }, errorNode(error)],
  });
}

function responseNode(errors: OmsError[], id?: string): XmlNode {
  return { name: "xmsResponse", attributes: { id }, children: errors.map(errorNode) };
}

/** Writes an xmsResponse document (DeliverXms). */
export function xmsResponseDoc(errors: OmsError[]): string {
  return doc({ ...responseNode(errors), attributes: { xmlns: OMS_NS } });
}

/** Writes an xmsResponses document (DeliverXmsBatch): one xmsResponse per message, with its id. */
export function xmsResponsesDoc(responses: Array<{ id?: string; errors: OmsError[] }>): string {
  return doc({
    name: "xmsResponses",
    attributes: { xmlns: OMS_NS },
    children: responses.map((r) => responseNode(r.errors, r.id)),
  });
}
