// The baseline HTTP server: bare node:http, one fixed reply per path, shaped like the sandbox's fmt=3 replies (same
// headers, bodies of about the same length), so a load generator does the same client-side work against both. It
// reads each request body to the end before answering, as any server must, and does nothing else. Run by the
// benchmarks as a child process (`--port N`, default 0 = a free one); prints "listening on URL"; exits when its
// stdin closes, so it cannot outlive the benchmark that started it.
import { createServer } from "node:http";

const REPLIES = {
  "/sys/send.php": '{"id":"bench-1234567","cnt":1,"cost":"10","balance":"999990"}',
  "/sys/status.php":
    '{"status":1,"last_date":"01.12.2026 11:50:01","last_timestamp":1796115001,"flag":0,"err":0}',
  "/sys/balance.php": '{"balance":"999990.00"}',
};
const HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
const at = process.argv.indexOf("--port");
const port = at > 0 ? Number(process.argv[at + 1]) : 0;

const server = createServer((req, res) => {
  const path = req.url.split("?")[0];
  const body = REPLIES[path] ?? '{"ok":1}';
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { ...HEADERS, "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`);
});
process.stdin.on("end", () => process.exit(0)).resume();
process.on("SIGTERM", () => process.exit(0));
