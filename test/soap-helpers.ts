// Runs the foreign SOAP clients of test/fixtures/soap and test/fixtures/oms (PHP's SoapClient, zeep) against a
// sandbox: each call list goes to one process on stdin, its JSON answer comes back on stdout.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

/** One call of a foreign client: a WSDL operation and its arguments, as the client library takes them. */
export interface SoapCall {
  op: string;
  args: Record<string, unknown>;
}

/** Parsed JSON from the client scripts, loosely typed: the tests assert its shape. */
type Json = ReturnType<typeof JSON.parse>;

/** What a client made of one call: the reply as it reads it, a SOAP fault, or a failed connection (zeep). */
export type SoapOutcome = { result?: Json; fault?: { code: string; string: string }; error?: string };

/** Debian's python3, which has python3-zeep (a pyenv python3 earlier on PATH may not). */
export const DEBIAN_PYTHON = "/usr/bin/python3";

const fixture = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));

function run(cmd: string, args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} failed: ${err.message}\n${stderr}${stdout}`)) : resolve(stdout),
    );
    child.stdin!.end(input);
  });
}

/** Runs the calls through PHP's SoapClient (php-cli + php-soap), one process for the list. */
export async function php(
  wsdl: string,
  calls: SoapCall[],
  script = "soap/smsc-client.php",
): Promise<SoapOutcome[]> {
  return JSON.parse(await run("php", [fixture(script), wsdl], JSON.stringify(calls)));
}

/** Runs the calls through zeep (python3-zeep) on Debian's python3, one process for the list. */
export async function zeep(
  wsdl: string,
  calls: SoapCall[],
  script = "soap/smsc_client.py",
): Promise<SoapOutcome[]> {
  return JSON.parse(await run(DEBIAN_PYTHON, [fixture(script), wsdl], JSON.stringify(calls)));
}

/** The service's SOAP namespace (and SOAPAction). */
export const SOAP_NS = "http://smsc.ru/sys/soap.php";
/** The SOAP 1.1 envelope namespace. */
export const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** A document/literal call as PHP's SoapClient writes one; the field values are escaped as XML text. */
export function soapEnvelope(element: string, fields: Record<string, string>): string {
  const children = Object.entries(fields)
    .map(([k, v]) => `<${k}>${esc(v)}</${k}>`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP_ENV}" xmlns:ns1="${SOAP_NS}">` +
    `<SOAP-ENV:Body><ns1:${element}>${children}</ns1:${element}></SOAP-ENV:Body></SOAP-ENV:Envelope>`
  );
}
