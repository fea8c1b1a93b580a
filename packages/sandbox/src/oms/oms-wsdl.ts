import type { WsdlField, WsdlService } from "../soap/wsdl.js";

/**
 * Where the sandbox serves OMS. The service names no OMS address in any public source (api-surface §15): this is
 * our choice, beside soap.php (https://github.com/smsc-kz/smsc/blob/main/docs/protocol.md "OMS", [INF]).
 */
export const OMS_PATH = "/sys/oms.php";
/** The OMS namespace of the web service and of xmsUser, userInfo, xmsData, xmsResponse ([MS-OMS]). */
export const OMS_NS = "http://schemas.microsoft.com/office/Outlook/2006/OMS";
/** The namespace of the serviceInfo document (the SharePoint SPMobileMessageServiceProvider example). */
export const SERVICE_INFO_NS = `${OMS_NS}/serviceInfo`;
/** The prefix replies give OMS_NS. */
export const OMS_PREFIX = "oms";

const str = (name: string, min: 0 | 1 = 1): WsdlField => ({ name, type: "string", min, max: 1 });

/**
 * The web methods: each takes one string (an XML document) and returns one (Office 2010 Mobile Service Guidelines
 * part 3; [MS-OMS] 3.1.4): GetServiceInfo(), GetUserInfo(xmsUser), DeliverXms(xmsData), DeliverXmsBatch(packageXml)
 * (SharePoint's BatchSendMessages calls it). SendXms is the Outlook 2007 name of DeliverXms, kept for old clients.
 */
export const OMS_METHODS = {
  GetServiceInfo: { param: undefined },
  GetUserInfo: { param: "xmsUser" },
  DeliverXms: { param: "xmsData" },
  SendXms: { param: "xmsData" },
  DeliverXmsBatch: { param: "packageXml" },
} as const satisfies Record<string, { param: string | undefined }>;

/** A web method's name. */
export type OmsMethod = keyof typeof OMS_METHODS;

const methods = Object.entries(OMS_METHODS) as Array<[OmsMethod, { param: string | undefined }]>;

/** The OMS WSDL: document/literal, qualified elements, SOAPAction `<namespace>/<method>`, messages `<method>SoapIn/Out`. */
export const OMS_WSDL: WsdlService = {
  namespace: OMS_NS,
  qualified: true,
  service: "OMS",
  portType: "OMSSoap",
  binding: "OMSSoap",
  port: "OMSSoap",
  types: [],
  elements: methods.flatMap(([name, m]) => [
    { name, fields: m.param ? [str(m.param)] : [] },
    { name: `${name}Response`, fields: [str(`${name}Result`, 0)] },
  ]),
  operations: methods.map(([name]) => ({
    name,
    soapAction: `${OMS_NS}/${name}`,
    input: name,
    output: `${name}Response`,
    inMessage: `${name}SoapIn`,
    outMessage: `${name}SoapOut`,
  })),
  documentation: "Office Mobile Service (OMS) of the SMSC sandbox: SMS through Outlook and SharePoint.",
};
