// OMS documents shaped as in Microsoft's examples (the SharePoint SPMobileMessageWebService pages: xmsUser for
// GetUserInfo, xmsData for SendMessage/DeliverXms, xmsBatch for BatchSendMessages), and reading the documents the
// foreign clients return (as {name, ns, attrs, text, children} trees).
import { php, type SoapOutcome, zeep } from "./soap-helpers.js";

const OMS = "http://schemas.microsoft.com/office/Outlook/2006/OMS";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A document element as the client scripts return it. */
export interface Doc {
  name: string;
  ns: string | null;
  attrs: Record<string, string>;
  text: string;
  children: Doc[];
}

/** The first element named `name` in a document, depth first. */
export function find(d: Doc, name: string): Doc | undefined {
  if (d.name === name) return d;
  for (const c of d.children) {
    const hit = find(c, name);
    if (hit) return hit;
  }
  return undefined;
}

/** The error elements of a response as {code, severity, content, recipients}. */
export const errorsOf = (d: Doc) =>
  d.children
    .filter((c) => c.name === "error")
    .map((e) => ({
      code: e.attrs.code,
      ...(e.attrs.severity ? { severity: e.attrs.severity } : {}),
      ...(find(e, "content") ? { content: find(e, "content")!.text } : {}),
      ...(find(e, "recipientList") ? { recipients: find(e, "recipientList")!.text } : {}),
    }));

/** An xmsUser string, as Outlook 2007 writes one. */
export function xmsUser(userId: string, password: string, replyPhone?: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<xmsUser client="Microsoft Office Outlook 12.0" xmlns="${OMS}">
  <userId>${esc(userId)}</userId>
  <password>${esc(password)}</password>${replyPhone ? `\n  <replyPhone>${esc(replyPhone)}</replyPhone>` : ""}
  <customData/>
</xmsUser>`;
}

/** What an xmsData says. */
export interface XmsParts {
  user?: [string, string];
  to: string[];
  text: string;
  scheduled?: string;
  service?: string;
  format?: string;
  id?: string;
}

function xmsDataElement(p: XmsParts, ns: boolean): string {
  const [userId, password] = p.user ?? ["demo", "demo"];
  return `<xmsData client="Microsoft Office Outlook 12.0"${ns ? ` xmlns="${OMS}"` : ""}${p.id ? ` id="${p.id}"` : ""}>
  <user>
    <userId>${esc(userId)}</userId>
    <password>${esc(password)}</password>
    <replyPhone>13801391350</replyPhone>
    <customData/>
  </user>
  <xmsHead>${p.scheduled ? `\n    <scheduled>${p.scheduled}</scheduled>` : ""}
    <requiredService>${p.service ?? "SMS_SENDER"}</requiredService>
    <to>
${p.to.map((r) => `      <recipient>${esc(r)}</recipient>`).join("\n")}
    </to>
  </xmsHead>
  <xmsBody format="${p.format ?? "SMS"}">
    <content contentType="text/plain" contentId="Att0.txt@AB1B43B2B0594564.B94EF7ABB12B49BA" contentLocation="1.txt">${esc(p.text)}</content>
  </xmsBody>
</xmsData>`;
}

/** An xmsData string (DeliverXms). */
export const xmsData = (p: XmsParts) => `<?xml version="1.0" encoding="utf-8"?>\n${xmsDataElement(p, true)}`;

/** An xmsBatch string (DeliverXmsBatch): its messages as xmsData children. */
export const xmsBatch = (messages: XmsParts[]) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<xmsBatch xmlns="${OMS}">\n${messages.map((m) => xmsDataElement(m, false)).join("\n")}\n</xmsBatch>`;

/** One OMS call through a foreign client. */
export type OmsCall = { op: string; args: Record<string, string> };

/** The OMS calls through PHP's SoapClient; each result is the returned document. */
export const omsPhp = (wsdl: string, calls: OmsCall[]): Promise<SoapOutcome[]> =>
  php(wsdl, calls, "oms/oms-client.php");

/** The OMS calls through zeep; each result is the returned document. */
export const omsZeep = (wsdl: string, calls: OmsCall[]): Promise<SoapOutcome[]> =>
  zeep(wsdl, calls, "oms/oms_client.py");
