import { attribute, parseXml, writeXml, type XmlElement, XmlError, type XmlNode } from "./xml.js";

/** The SOAP 1.1 envelope namespace (SOAP 1.1 §4). */
export const SOAP11_NS = "http://schemas.xmlsoap.org/soap/envelope/";
/** The SOAP 1.2 envelope namespace, recognised only to answer it with a version mismatch. */
const SOAP12_NS = "http://www.w3.org/2003/05/soap-envelope";
/** The prefix our envelopes use for the SOAP namespace. */
const ENV = "soap";

/** The fault codes of SOAP 1.1 §4.4.1. */
export type FaultCode = "VersionMismatch" | "MustUnderstand" | "Client" | "Server";

/** A request answered with a SOAP fault: its code, a reason safe to show, and the HTTP status (500, §6.2). */
export class SoapFault extends Error {
  override name = "SoapFault";
  constructor(
    readonly code: FaultCode,
    message: string,
    readonly httpStatus = 500,
  ) {
    super(message);
  }
}

/** What an envelope carries: its Header's entries, and the one element of its Body. */
export interface Envelope {
  headers: XmlElement[];
  body: XmlElement;
}

/**
 * Reads a SOAP 1.1 envelope. Anything else is a fault: XML that is not well-formed or not an envelope (Client),
 * another SOAP version (VersionMismatch), a header entry that must be understood (MustUnderstand: we understand
 * none), a Body without exactly one element (Client: document/literal carries one, WS-I Basic Profile R2201).
 */
export function readEnvelope(text: string): Envelope {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (e) {
    if (e instanceof XmlError)
      throw new SoapFault("Client", `the request is not well-formed XML: ${e.message}`);
    throw e;
  }
  if (root.local !== "Envelope") throw new SoapFault("Client", "the request is not a SOAP envelope");
  if (root.ns === SOAP12_NS)
    throw new SoapFault("VersionMismatch", `this service speaks SOAP 1.1 (${SOAP11_NS})`);
  if (root.ns !== SOAP11_NS) throw new SoapFault("VersionMismatch", `the envelope is not in ${SOAP11_NS}`);
  const parts = root.children.filter((c) => c.ns === SOAP11_NS);
  const header = parts.find((c) => c.local === "Header");
  const body = parts.find((c) => c.local === "Body");
  if (!body) throw new SoapFault("Client", "the envelope has no Body");
  const headers = header?.children ?? [];
  const must = headers.find((h) => attribute(h, "mustUnderstand", SOAP11_NS) === "1");
  if (must) throw new SoapFault("MustUnderstand", `header ${must.local} is not understood`);
  if (body.children.length !== 1)
    throw new SoapFault("Client", `the Body must hold one element, not ${body.children.length}`);
  return { headers, body: body.children[0]! };
}

/** Writes an envelope around one Body element; `namespaces` are declared on the envelope (prefix → URI). */
export function writeEnvelope(body: XmlNode, namespaces: Record<string, string> = {}): string {
  const xmlns = Object.fromEntries(Object.entries(namespaces).map(([p, uri]) => [`xmlns:${p}`, uri]));
  return writeXml(
    {
      name: `${ENV}:Envelope`,
      attributes: { [`xmlns:${ENV}`]: SOAP11_NS, ...xmlns },
      children: [{ name: `${ENV}:Body`, children: [body] }],
    },
    { declaration: true },
  );
}

/** Writes a fault envelope (SOAP 1.1 §4.4): `faultcode` qualified by the envelope's prefix, and `faultstring`. */
export function writeFault(fault: SoapFault): string {
  return writeEnvelope({
    name: `${ENV}:Fault`,
    children: [
      { name: "faultcode", text: `${ENV}:${fault.code}` },
      { name: "faultstring", text: fault.message },
    ],
  });
}
