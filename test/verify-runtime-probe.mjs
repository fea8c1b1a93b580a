// smsc/verify on another runtime (Bun, Deno): imports the built ESM files by path, sends a code into the sandbox,
// reads it back from the sandbox's inspection API, checks a wrong and the right code, prints the results as JSON.
// Usage: <runtime> verify-runtime-probe.mjs <sandbox url> <phone>
import { Smsc } from "../packages/smsc/dist/index.js";
import { memoryStore, Verify } from "../packages/smsc/dist/verify.js";

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const [baseUrl, phone] = args;
const verify = new Verify({
  smsc: new Smsc({ login: "demo", password: "demo", baseUrl }),
  store: memoryStore(),
  secret: "runtime-probe-secret-0123456789ab",
});
const started = await verify.start(phone);
const res = await fetch(`${baseUrl}/api/v1/messages/wait?phone=${encodeURIComponent(phone)}&timeout=10000`);
const { text } = await res.json();
const code = /\d{6}/.exec(text)[0];
const wrong = await verify.check(phone, code === "000000" ? "111111" : "000000");
const right = await verify.check(phone, code);
console.log(JSON.stringify({ started: started.status, wrong: wrong.status, right: right.status }));
