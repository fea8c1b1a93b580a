// The baseline SMPP server: the npm `smpp` package's createServer answering bind, submit_sm (with a fresh message
// id), enquire_link and unbind, storing nothing. Run by the benchmarks as a child process; prints
// "smpp listening on 127.0.0.1:PORT"; exits when its stdin closes.
import { createRequire } from "node:module";

const smpp = createRequire(import.meta.url)("smpp");
let id = 0;
const server = smpp.createServer((session) => {
  session.on("error", () => {});
  for (const bind of ["bind_transceiver", "bind_transmitter", "bind_receiver"])
    session.on(bind, (pdu) => session.send(pdu.response({ system_id: "NOOP" })));
  session.on("submit_sm", (pdu) => session.send(pdu.response({ message_id: String(++id) })));
  session.on("enquire_link", (pdu) => session.send(pdu.response()));
  session.on("unbind", (pdu) => {
    session.send(pdu.response());
    session.close();
  });
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`smpp listening on 127.0.0.1:${server.address().port}\n`);
});
process.stdin.on("end", () => process.exit(0)).resume();
process.on("SIGTERM", () => process.exit(0));
