import { writeXml, type XmlNode } from "./xml.js";

/** A schema type a field may have: an XML Schema built-in, or a complex type of the service (`tns:Name`). */
export type FieldType = "string" | "int" | "boolean" | `tns:${string}`;

/** One element of a sequence, with its occurrence bounds. */
export interface WsdlField {
  readonly name: string;
  readonly type: FieldType;
  readonly min: 0 | 1;
  readonly max: 1 | "unbounded";
}

/** A named element or complex type: a sequence of fields. */
export interface WsdlSequence {
  readonly name: string;
  readonly fields: readonly WsdlField[];
}

/** One operation: its SOAPAction, the elements it reads and writes, and the names of its two messages. */
export interface WsdlOperation {
  readonly name: string;
  readonly soapAction: string;
  /** The request's Body element (one of the service's elements). */
  readonly input: string;
  /** The reply's Body element. */
  readonly output: string;
  readonly inMessage: string;
  readonly outMessage: string;
}

/** A document/literal SOAP 1.1 service as a WSDL 1.1 describes it. */
export interface WsdlService {
  /** targetNamespace of the definitions and the schema. */
  readonly namespace: string;
  /** Whether local elements are namespace-qualified (schema `elementFormDefault`). */
  readonly qualified: boolean;
  readonly service: string;
  readonly portType: string;
  readonly binding: string;
  readonly port: string;
  /** Top-level elements: the operations' inputs and outputs (anonymous complex types). */
  readonly elements: readonly WsdlSequence[];
  /** Named complex types the elements refer to as `tns:Name`. */
  readonly types: readonly WsdlSequence[];
  readonly operations: readonly WsdlOperation[];
  /** Put into the service's `wsdl:documentation`. */
  readonly documentation?: string;
}

const NS = {
  wsdl: "http://schemas.xmlsoap.org/wsdl/",
  soap: "http://schemas.xmlsoap.org/wsdl/soap/",
  xsd: "http://www.w3.org/2001/XMLSchema",
  http: "http://schemas.xmlsoap.org/soap/http",
} as const;

const sequence = (fields: readonly WsdlField[]): XmlNode => ({
  name: "xsd:complexType",
  children: [
    {
      name: "xsd:sequence",
      children: fields.map((f) => ({
        name: "xsd:element",
        attributes: {
          minOccurs: String(f.min),
          maxOccurs: String(f.max),
          name: f.name,
          type: f.type.startsWith("tns:") ? f.type : `xsd:${f.type}`,
        },
      })),
    },
  ],
});

const literal = (name: string): XmlNode => ({
  name,
  children: [{ name: "soap:body", attributes: { use: "literal" } }],
});

/** Writes the WSDL 1.1 of a service whose endpoint is at `location`. */
export function writeWsdl(s: WsdlService, location: string): string {
  const schema: XmlNode = {
    name: "xsd:schema",
    attributes: {
      targetNamespace: s.namespace,
      ...(s.qualified ? { elementFormDefault: "qualified" } : {}),
    },
    children: [
      ...s.types.map((t) => ({ ...sequence(t.fields), attributes: { name: t.name } })),
      ...s.elements.map((e) => ({
        name: "xsd:element",
        attributes: { name: e.name },
        children: [sequence(e.fields)],
      })),
    ],
  };
  const messages = s.operations.flatMap((op) =>
    [
      [op.inMessage, op.input],
      [op.outMessage, op.output],
    ].map(([name, element]) => ({
      name: "wsdl:message",
      attributes: { name },
      children: [{ name: "wsdl:part", attributes: { name: "parameters", element: `tns:${element}` } }],
    })),
  );
  return writeXml(
    {
      name: "wsdl:definitions",
      attributes: {
        "xmlns:wsdl": NS.wsdl,
        "xmlns:soap": NS.soap,
        "xmlns:xsd": NS.xsd,
        "xmlns:tns": s.namespace,
        targetNamespace: s.namespace,
      },
      children: [
        { name: "wsdl:types", children: [schema] },
        ...messages,
        {
          name: "wsdl:portType",
          attributes: { name: s.portType },
          children: s.operations.map((op) => ({
            name: "wsdl:operation",
            attributes: { name: op.name },
            children: [
              { name: "wsdl:input", attributes: { message: `tns:${op.inMessage}` } },
              { name: "wsdl:output", attributes: { message: `tns:${op.outMessage}` } },
            ],
          })),
        },
        {
          name: "wsdl:binding",
          attributes: { name: s.binding, type: `tns:${s.portType}` },
          children: [
            { name: "soap:binding", attributes: { transport: NS.http, style: "document" } },
            ...s.operations.map((op) => ({
              name: "wsdl:operation",
              attributes: { name: op.name },
              children: [
                { name: "soap:operation", attributes: { soapAction: op.soapAction, style: "document" } },
                literal("wsdl:input"),
                literal("wsdl:output"),
              ],
            })),
          ],
        },
        {
          name: "wsdl:service",
          attributes: { name: s.service },
          children: [
            s.documentation !== undefined && { name: "wsdl:documentation", text: s.documentation },
            {
              name: "wsdl:port",
              attributes: { name: s.port, binding: `tns:${s.binding}` },
              children: [{ name: "soap:address", attributes: { location } }],
            },
          ],
        },
      ],
    },
    { declaration: true, indent: true },
  );
}
