import type { Logger } from "../core/logger.js";
import type { Core } from "../core/types.js";
import type { Router } from "../http/router.js";
import { type SoapEndpoint, soapHandler } from "../soap/soap-endpoint.js";
import { OMS_OPERATIONS } from "./oms-operations.js";
import { OMS_PATH, OMS_PREFIX, OMS_WSDL } from "./oms-wsdl.js";

/** The Office Mobile Service endpoint: Microsoft's OMS web methods over the core, on the SOAP machinery. */
export const OMS_ENDPOINT: SoapEndpoint = {
  path: OMS_PATH,
  wsdl: OMS_WSDL,
  prefix: OMS_PREFIX,
  operations: OMS_OPERATIONS,
};

/** Registers the OMS endpoint on the router: GET for its WSDL, POST for calls. */
export function registerOmsRoutes(router: Router, core: Core, logger: Logger): void {
  router.on(["GET", "POST"], OMS_ENDPOINT.path, soapHandler(core, OMS_ENDPOINT, logger));
}
