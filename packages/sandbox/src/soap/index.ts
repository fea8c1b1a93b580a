import type { Logger } from "../core/logger.js";
import type { Core } from "../core/types.js";
import type { Router } from "../http/router.js";
import { SMSC_OPERATIONS } from "./smsc-operations.js";
import { SMSC_PREFIX, SMSC_WSDL, SOAP_PATH } from "./smsc-wsdl.js";
import { type SoapEndpoint, soapHandler } from "./soap-endpoint.js";

export {
  MAX_SOAP_BYTES,
  type SoapEndpoint,
  type SoapOperation,
  type SoapRequest,
  soapHandler,
} from "./soap-endpoint.js";

/** soap.php: the service's SOAP interface (api-surface §14) over the core. */
export const SMSC_SOAP: SoapEndpoint = {
  path: SOAP_PATH,
  wsdl: SMSC_WSDL,
  prefix: SMSC_PREFIX,
  operations: SMSC_OPERATIONS,
};

/** Registers soap.php on the router: GET for its WSDL, POST for calls. */
export function registerSoapRoutes(router: Router, core: Core, logger: Logger): void {
  router.on(["GET", "POST"], SMSC_SOAP.path, soapHandler(core, SMSC_SOAP, logger));
}
