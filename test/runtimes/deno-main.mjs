// Deno: imports the built ESM files by path (no npm resolution, no node_modules), and needs only
// --allow-net=127.0.0.1. Usage: deno run --allow-net=127.0.0.1 deno-main.mjs <sandbox url> <phone>.
import { SMSC } from "../../packages/smsc/dist/compat.js";
import { ApiError, estimate, InvalidPhoneError, Smsc, STATUS_CODES } from "../../packages/smsc/dist/index.js";
import { probe } from "./probe.mjs";

const [baseUrl, phone] = Deno.args;
console.log(
  JSON.stringify(
    await probe({ Smsc, SMSC, estimate, InvalidPhoneError, ApiError, STATUS_CODES }, baseUrl, phone),
  ),
);
