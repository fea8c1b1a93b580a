import { HttpError, readJson, sendJson, sendJsonError } from "../http/api/json.js";
import type { HttpRoute } from "../http/create-http-server.js";
import { type Chaos, type ChaosSettings, ChaosSettingsError } from "./chaos.js";
import type { ListenerSet } from "./listeners.js";

const CHAOS_PATH = "/api/v1/chaos";
const MIRRORS_PATH = /^\/api\/v1\/mirrors(?:\/(\d+)\/(down|up))?\/?$/;

/**
 * The chaos API: `GET|PUT /api/v1/chaos` (settings; PUT changes the fields it names), `GET /api/v1/mirrors`
 * (listeners and their state) and `POST /api/v1/mirrors/:n/down|up` (0 is the primary, 1… the mirrors).
 */
export function createChaosRoutes(chaos: Chaos, listenerSet: () => ListenerSet): HttpRoute[] {
  const guard = async (res: Parameters<HttpRoute["handle"]>[1], fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      if (err instanceof ChaosSettingsError) sendJsonError(res, 400, err.message);
      else if (err instanceof HttpError) sendJsonError(res, err.status, err.message);
      else throw err;
    }
  };
  return [
    {
      prefix: CHAOS_PATH,
      match: (path) => path === CHAOS_PATH || path === `${CHAOS_PATH}/`,
      handle: (req, res) =>
        guard(res, async () => {
          if (req.method === "PUT") chaos.set((await readJson(req)) as Partial<ChaosSettings>);
          else if (req.method !== "GET")
            throw new HttpError(405, `${req.method} is not allowed on ${CHAOS_PATH}`);
          sendJson(res, 200, chaos.get());
        }),
    },
    {
      prefix: "/api/v1/mirrors",
      match: (path) => MIRRORS_PATH.test(path),
      handle: (req, res, path) =>
        guard(res, async () => {
          const listeners = listenerSet();
          const [, n, action] = MIRRORS_PATH.exec(path)!;
          if (action === undefined) {
            if (req.method !== "GET") throw new HttpError(405, `${req.method} is not allowed on ${path}`);
          } else {
            if (req.method !== "POST") throw new HttpError(405, `${req.method} is not allowed on ${path}`);
            const i = Number(n);
            if (i >= listeners.state().length) throw new HttpError(404, `no listener ${i}`);
            if (action === "up") await listeners.up(i);
            else if (req.socket.localPort !== listeners.state()[i]!.port) await listeners.down(i);
            else {
              // this request came through the listener going down: answer first, then close it
              res.once("finish", () => void listeners.down(i));
              sendJson(res, 200, {
                listeners: listeners.state().map((l) => (l.index === i ? { ...l, up: false } : l)),
              });
              return;
            }
          }
          sendJson(res, 200, { listeners: listeners.state() });
        }),
    },
  ];
}
