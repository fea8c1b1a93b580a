/**
 * The sandbox's small request and response: what every HTTP handler takes and returns. Web-standard in spirit
 * (method, path, headers, a body to read once; a status, headers and a body back), without the cost of building
 * WHATWG objects per request on the hot path. `Router.request()` speaks real `Request`/`Response` for tests.
 */
export interface HttpRequest {
  readonly method: string;
  /** The path without the query, as sent (percent-encoded). */
  readonly path: string;
  /** The raw query string without `?` ("" when none). */
  readonly query: string;
  /** A request header (lower-case name), or undefined. */
  header(name: string): string | undefined;
  /** Reads the whole body once, refusing more than `limit` bytes with a BodyTooLargeError. */
  body(limit: number): Promise<Uint8Array>;
  /** The peer's address. */
  readonly remoteAddress: string | undefined;
  /** The local port the request came in on (which listener: primary or mirror). */
  readonly localPort: number | undefined;
  /** Aborted when the client goes away before the response has ended. */
  readonly signal: AbortSignal;
  /** Path parameters of the matched route, decoded (`/messages/:id` → `{ id }`). */
  params: Record<string, string>;
}

/** A live stream's writing end (Server-Sent Events). */
export interface StreamSink {
  /** Writes a chunk; false once the client is gone. */
  write(chunk: string): boolean;
  /** Ends the response. */
  end(): void;
  /** Calls `fn` once when the client leaves or the stream ends. */
  onClose(fn: () => void): void;
}

/** What a handler answers. */
export type HttpResponse =
  | {
      status: number;
      headers?: Record<string, string>;
      body?: string | Uint8Array;
      /** Runs after the response has been written (e.g. taking the listener it came through down). */
      afterSend?: () => void;
    }
  | { status: number; headers?: Record<string, string>; stream: (sink: StreamSink) => void }
  /** The connection is destroyed without an answer (a lost reply or request). */
  | { drop: true };

/** A route handler. */
export type Handler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/** The body was larger than the route accepts. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

/** A request a route refuses, with its HTTP status; the message is safe to show. */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
