/** A stream the CLI writes to; `hasColors` is a terminal's (node:tty WriteStream). */
export interface OutStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
  hasColors?(count?: number, env?: Record<string, string | undefined>): boolean;
}

/** The terminal (or pipe) the CLI reads a password from: `process.stdin`, or absent in embedded runs. */
export interface InStream extends AsyncIterable<string | Uint8Array> {
  isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
  setEncoding?(encoding: BufferEncoding): unknown;
  on(event: "data", listener: (chunk: string | Uint8Array) => void): unknown;
  off(event: "data", listener: (chunk: string | Uint8Array) => void): unknown;
  resume?(): unknown;
  pause?(): unknown;
}

/** Where a command writes (and reads a password from); injectable for tests and embedding. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  /** Read only for a password (prompt or --password-stdin); without it no prompt is shown. */
  stdin?: InStream;
}
