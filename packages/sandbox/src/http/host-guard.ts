import { isIP } from "node:net";
import type { Logger } from "../core/logger.js";
import { HttpError } from "./http-types.js";
import type { Middleware } from "./router.js";

/** Options of hostGuard. */
export interface HostGuardOptions {
  /**
   * Host names served besides the defaults: `sandbox.test` exactly, `.dev.test` for that name and every name under
   * it (as Vite's `server.allowedHosts`).
   */
  allowedHosts?: readonly string[];
  /** The address the sandbox listens on: served when it is a name. */
  listenHost?: string;
  /** Told once per refused name, so whoever runs the sandbox sees the flag to pass. @default silent */
  logger?: Logger;
}

/** How many distinct refused names or origins a guard reports before it stops (a flood must not fill the log). */
export const REPORT_LIMIT = 32;

/** A warning told once per key, for the first {@link REPORT_LIMIT} keys. */
export function reportOnce(logger: Logger | undefined): (key: string, message: string) => void {
  const told = new Set<string>();
  return (key, message) => {
    if (!logger || told.has(key) || told.size >= REPORT_LIMIT) return;
    told.add(key);
    logger.warn(message);
  };
}

/** A host name or `.suffix` as `allowedHosts` takes it. */
const HOST_PATTERN = /^\.?[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;

/** Checks and lower-cases `allowedHosts` entries; throws a TypeError naming a bad one. */
export function checkAllowedHosts(hosts: readonly string[]): string[] {
  return hosts.map((h) => {
    const name = h.trim().toLowerCase().replace(/\.$/, "");
    if (!HOST_PATTERN.test(name))
      throw new TypeError(
        `allowed host ${JSON.stringify(h)} must be a host name (or .suffix), without a port`,
      );
    return name;
  });
}

/** The name in a Host header value (`[::1]:8400` → `::1`, `Name.:80` → `name`), or undefined when malformed. */
export function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  // a DNS name (letters, digits, "-", "_" of container names, dots) or a bracketed IPv6 address; nothing else is
  // a host name, so nothing else is ever echoed back in a refusal
  const m = /^(?:\[([0-9a-f:.]+)\]|([a-z0-9._-]*))(?::\d*)?$/.exec(h);
  if (!m) return undefined;
  return m[1] ?? m[2]!.replace(/\.$/, "");
}

/**
 * Whether a Host name is served: every IP address (a DNS-rebinding page always uses a name of its own), `localhost`
 * and names under `.localhost` (browsers resolve them to loopback themselves, RFC 6761 §6.3), the listen address
 * and the configured names.
 */
export function isAllowedHost(name: string, allowed: readonly string[], listenHost?: string): boolean {
  if (isIP(name) !== 0 || name === "localhost" || name.endsWith(".localhost")) return true;
  if (listenHost !== undefined && name === listenHost.toLowerCase().replace(/\.$/, "")) return true;
  return allowed.some((a) => (a.startsWith(".") ? name === a.slice(1) || name.endsWith(a) : name === a));
}

/**
 * The DNS-rebinding guard: a request whose `Host` is not an allowed name is refused with 403 on every path, /sys
 * included (a rebinding page knows the demo account's public password as well as anyone). A request without a
 * Host (HTTP/1.0, in process) passes: a browser always sends one.
 */
export function hostGuard(options: HostGuardOptions = {}): Middleware {
  const allowed = checkAllowedHosts(options.allowedHosts ?? []);
  const report = reportOnce(options.logger);
  return (req, next) => {
    const header = req.header("host");
    if (header === undefined) return next();
    const name = hostName(header);
    if (name === undefined) throw new HttpError(400, "the Host header is not a host name");
    if (!isAllowedHost(name, allowed, options.listenHost)) {
      report(name, `refused requests for host ${JSON.stringify(name)}: --allowed-host ${name} serves it`);
      throw new HttpError(
        403,
        `host ${JSON.stringify(name)} is not allowed: start the sandbox with --allowed-host ${name} to serve it ` +
          "(docs/browser.md)",
      );
    }
    return next();
  };
}
