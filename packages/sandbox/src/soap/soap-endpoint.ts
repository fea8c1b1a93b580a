import type { ErrorReply } from "smsc/protocol";
import type { Fate } from "../core/fate.js";
import type { Logger } from "../core/logger.js";
import type { Core } from "../core/types.js";
import { BodyTooLargeError, type Handler, type HttpRequest, type HttpResponse } from "../http/http-types.js";
import { readEnvelope, SoapFault, writeEnvelope, writeFault } from "./envelope.js";
import { renderSoapFate } from "./render-fate.js";
import { type WsdlService, writeWsdl } from "./wsdl.js";
import { attribute, type XmlElement, type XmlNode } from "./xml.js";

/** The XML Schema instance namespace (`xsi:nil`). */
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
/** Requests larger than this are refused with a Client fault (HTTP 413). */
export const MAX_SOAP_BYTES = 4 * 1024 * 1024;

/** A SOAP call as an operation sees it. */
export interface SoapRequest {
  /** The Body's element. */
  body: XmlElement;
  /** The text of the element's children by local name (the first of each); `xsi:nil` ones are left out. */
  fields: Record<string, string>;
  /** The peer's address (for the per-IP block). */
  ip?: string;
  /** The endpoint's URL as the client reached it (what the WSDL's address says). */
  location: string;
}

/** One operation of a SOAP endpoint: what it asks the core, and how its reply and its errors are written. */
export interface SoapOperation<T> {
  /** The local name of the Body element it answers, in the endpoint's namespace. */
  element: string;
  serve(core: Core, req: SoapRequest): Fate<T> | Promise<Fate<T>>;
  /** The reply's Body element for a served value. */
  reply(value: T, req: SoapRequest): XmlNode;
  /** The reply's Body element for the service's error (where the WSDL puts errors). */
  error(e: ErrorReply, req: SoapRequest): XmlNode;
}

/** A SOAP endpoint: its path, its WSDL, the prefix its replies give its namespace, and its operations. */
export interface SoapEndpoint {
  path: string;
  wsdl: WsdlService;
  prefix: string;
  // biome-ignore lint/suspicious/noExplicitAny: each operation has its own value type; the handler keeps them apart
  operations: ReadonlyArray<SoapOperation<any>>;
}

const XML_TYPE = "text/xml; charset=utf-8";

const xmlResponse = (status: number, body: string): HttpResponse => ({
  status,
  headers: { "Content-Type": XML_TYPE, "Cache-Control": "no-store" },
  body,
});

/**
 * The handler of a SOAP endpoint: GET answers its WSDL (with or without `?wsdl`), whose address is the host the
 * request came to; POST reads a SOAP 1.1 envelope in UTF-8, finds the operation by its Body element, asks it and
 * renders its fate. What cannot be read or has no operation is a SOAP fault; so is a failure of ours (Server).
 */
export function soapHandler(core: Core, endpoint: SoapEndpoint, logger: Logger): Handler {
  const byElement = new Map(endpoint.operations.map((op) => [op.element, op]));
  const ns = endpoint.wsdl.namespace;
  const envelope = (node: XmlNode) => xmlResponse(200, writeEnvelope(node, { [endpoint.prefix]: ns }));
  return async (req) => {
    if (req.method === "GET") return xmlResponse(200, writeWsdl(endpoint.wsdl, location(req, endpoint.path)));
    try {
      const { body } = readEnvelope(await readText(req));
      const op = body.ns === ns ? byElement.get(body.local) : undefined;
      if (!op) throw new SoapFault("Client", `no operation of this service reads {${body.ns}}${body.local}`);
      const call: SoapRequest = {
        body,
        fields: fieldsOf(body),
        location: location(req, endpoint.path),
        ...(req.remoteAddress ? { ip: req.remoteAddress } : {}),
      };
      return await renderSoapFate(
        await op.serve(core, call),
        req.signal,
        (value) => envelope(op.reply(value, call)),
        (e) => envelope(op.error(e, call)),
      );
    } catch (e) {
      if (e instanceof SoapFault) return xmlResponse(e.httpStatus, writeFault(e));
      logger.error(`${req.method} ${req.path} failed`, e);
      return xmlResponse(500, writeFault(new SoapFault("Server", "internal error")));
    }
  };
}

/** The body as text: UTF-8 only (the service's SOAP pages require it), within MAX_SOAP_BYTES. */
async function readText(req: HttpRequest): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await req.body(MAX_SOAP_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLargeError)
      throw new SoapFault("Client", `the request is larger than ${MAX_SOAP_BYTES} bytes`, 413);
    throw e;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new SoapFault("Client", "the request is not UTF-8");
  }
  const declared = /^\uFEFF?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (declared !== undefined && !/^utf-?8$/i.test(declared))
    throw new SoapFault("Client", `the request must be UTF-8, not ${declared.slice(0, 40)}`);
  return text;
}

/** The children's text by local name, the first of each, without `xsi:nil="true"` ones. */
function fieldsOf(el: XmlElement): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const c of el.children) {
    const nil = attribute(c, "nil", XSI_NS);
    if (nil === "true" || nil === "1" || c.local in out) continue;
    out[c.local] = c.text;
  }
  return out;
}

/** The endpoint's URL as the client reached it; a Host header that is not a plain host[:port] is not echoed. */
function location(req: HttpRequest, path: string): string {
  const host = req.header("host");
  const safe = host !== undefined && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host);
  return `http://${safe ? host : `127.0.0.1${req.localPort ? `:${req.localPort}` : ""}`}${path}`;
}
