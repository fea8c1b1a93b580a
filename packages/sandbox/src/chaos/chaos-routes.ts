import { type Chaos, type ChaosSettings, ChaosSettingsError } from "../core/chaos.js";
import { readJson } from "../http/api/json.js";
import { HttpError } from "../http/http-types.js";
import { json } from "../http/respond.js";
import type { Router } from "../http/router.js";
import type { ListenerSet } from "./listeners.js";

/**
 * The chaos API: `GET|PUT /api/v1/chaos` (settings; PUT changes the fields it names), `GET /api/v1/mirrors`
 * (listeners and their state) and `POST /api/v1/mirrors/:n/down|up` (0 is the primary, 1… the mirrors).
 */
export function registerChaosRoutes(router: Router, chaos: Chaos, listenerSet: () => ListenerSet): void {
  router.on("GET", "/api/v1/chaos", () => json(200, chaos.get()));
  router.on("PUT", "/api/v1/chaos", async (req) => {
    try {
      chaos.set((await readJson(req)) as Partial<ChaosSettings>);
    } catch (err) {
      if (err instanceof ChaosSettingsError) throw new HttpError(400, err.message);
      throw err;
    }
    return json(200, chaos.get());
  });
  router.on("GET", "/api/v1/mirrors", () => json(200, { listeners: listenerSet().state() }));
  for (const action of ["down", "up"] as const) {
    router.on("POST", `/api/v1/mirrors/:n/${action}`, async (req) => {
      const listeners = listenerSet();
      const i = /^\d+$/.test(req.params.n!) ? Number(req.params.n) : Number.NaN;
      if (!(i < listeners.state().length)) throw new HttpError(404, `no listener ${req.params.n}`);
      if (action === "up") await listeners.up(i);
      else if (req.localPort !== listeners.state()[i]!.port) await listeners.down(i);
      else {
        // this request came through the listener going down: answer first, then close it
        const state = listeners.state().map((l) => (l.index === i ? { ...l, up: false } : l));
        return { ...json(200, { listeners: state }), afterSend: () => void listeners.down(i) };
      }
      return json(200, { listeners: listeners.state() });
    });
  }
}
