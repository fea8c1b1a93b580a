import { InterruptedError, UsageError } from "./errors.js";
import type { InStream, OutStream } from "./io.js";

/**
 * Asks for a secret on a terminal without echoing it: the prompt goes to stderr, the terminal is put in raw mode
 * so nothing typed is shown, Enter ends the line. Backspace and Ctrl-U edit; Ctrl-C rejects with
 * InterruptedError (raw mode turns it into a byte, not a signal); Ctrl-D on an empty line is a usage error.
 */
export function promptHidden(
  prompt: string,
  stdin: InStream,
  stderr: OutStream,
  signal?: AbortSignal,
): Promise<string> {
  if (typeof stdin.setRawMode !== "function") throw new UsageError("cannot turn off echo on this stdin");
  // raw mode first: a key pressed as soon as the prompt shows must not be echoed
  stdin.setRawMode(true);
  stdin.setEncoding?.("utf8");
  stderr.write(prompt);
  return new Promise<string>((resolve, reject) => {
    let typed: string[] = [];
    const finish = (then: () => void) => {
      stdin.off("data", onData);
      signal?.removeEventListener("abort", onAbort);
      stdin.setRawMode?.(false);
      stdin.pause?.();
      stderr.write("\n");
      then();
    };
    const onAbort = () => finish(() => reject(new InterruptedError()));
    const onData = (chunk: string | Uint8Array) => {
      const text = typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk);
      for (const ch of text) {
        if (ch === "\r" || ch === "\n") return finish(() => resolve(typed.join("")));
        if (ch === "\u0003") return finish(() => reject(new InterruptedError()));
        if (ch === "\u0004") {
          if (typed.length === 0) return finish(() => reject(new UsageError("no password given")));
          return finish(() => resolve(typed.join("")));
        }
        if (ch === "\u007f" || ch === "\b") typed.pop();
        else if (ch === "\u0015") typed = [];
        // an escape sequence (arrow keys…): the rest of the chunk is its tail, not part of the password
        else if (ch === "\u001b") break;
        else if (ch >= " ") typed.push(ch);
      }
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    stdin.on("data", onData);
    stdin.resume?.();
  });
}

/** The first line of stdin (to EOF), without its line end: `--password-stdin` from a pipe or a file. */
export async function readStdinLine(stdin: InStream): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stdin) {
    text += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    // read on to EOF all the same, so the writer never gets EPIPE
  }
  text += decoder.decode();
  return text.split(/\r?\n/, 1)[0] ?? "";
}
