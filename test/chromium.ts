import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's chromium: test tools' own browser downloads do not work here, and `scripts/setup.sh` installs it. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Launches Debian's chromium headless, with the background networking a closed network refuses turned off.
 * `extraArgs` go after those (`--host-resolver-rules=…`). Throws with the install command when it is missing: a
 * browser test must fail, never skip.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get update && apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    timeout: 20_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...extraArgs,
    ],
  });
}
