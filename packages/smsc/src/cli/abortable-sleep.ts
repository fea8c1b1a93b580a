/**
 * setTimeout as a promise that resolves early (never rejects) when the signal aborts. The abort listener is removed
 * when the time is up: a long run sleeps thousands of times on one signal (send --csv --rate), and listeners left
 * behind would pile up (Node warns past 10: MaxListenersExceededWarning).
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) return done();
    const onAbort = () => {
      clearTimeout(t);
      done();
    };
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      done();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
