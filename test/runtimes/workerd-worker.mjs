// Cloudflare Workers (workerd): an ES-module worker importing the built ESM files as they are (no bundler; the
// test lists them as modules in the workerd config). GET /?phone=… runs the probe against env.SANDBOX_URL.
import { SMSC } from "./dist/compat.js";
import { ApiError, estimate, InvalidPhoneError, Smsc, STATUS_CODES } from "./dist/index.js";
import { probe } from "./probe.mjs";

export default {
  /** @param {Request} request @param {{ SANDBOX_URL: string }} env */
  async fetch(request, env) {
    const phone = new URL(request.url).searchParams.get("phone") ?? "";
    try {
      const sdk = { Smsc, SMSC, estimate, InvalidPhoneError, ApiError, STATUS_CODES };
      return Response.json(await probe(sdk, env.SANDBOX_URL, phone));
    } catch (e) {
      return new Response(String(e?.stack ?? e), { status: 500 });
    }
  },
};
