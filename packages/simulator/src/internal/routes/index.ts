/**
 * The API families, one route module each (mirroring the SDK packages): one module and one line each.
 */
import { RouteTable, type Services } from "../context.js"
import type { SimEvent } from "../events.js"
import { registerAuth } from "./auth.js"
import { registerBilling } from "./billing.js"
import { registerDevices } from "./devices.js"
import { registerEnv } from "./env.js"
import { registerEvents } from "./events.js"
import { registerFirmware } from "./firmware.js"
import { onIntegrationEvent, registerIntegrations } from "./integrations.js"
import { registerLedger } from "./ledger.js"
import { registerLibraries } from "./libraries.js"
import { logicOnEvent, registerLogic } from "./logic.js"
import { registerProducts } from "./products.js"
import { registerSecrets } from "./secrets.js"
import { onSimEvent, registerSims } from "./sims.js"

export interface Family {
  readonly name: string
  readonly register: (r: RouteTable) => void
  /**
   * Called with every event published in the simulator (by the API, a simulated device or the cloud), after
   * it reached the event streams: how webhooks and Logic event triggers react to events. It must not throw
   * and must not block (start asynchronous work and return).
   */
  readonly onEvent?: ((sim: Services, event: SimEvent) => void) | undefined
}

export const families: ReadonlyArray<Family> = [
  { name: "auth", register: registerAuth },
  { name: "devices", register: registerDevices },
  { name: "events", register: registerEvents },
  { name: "firmware", register: registerFirmware },
  { name: "products", register: registerProducts },
  { name: "sims", register: registerSims, onEvent: onSimEvent },
  { name: "integrations", register: registerIntegrations, onEvent: onIntegrationEvent },
  { name: "libraries", register: registerLibraries },
  { name: "logic", register: registerLogic, onEvent: logicOnEvent },
  { name: "ledger", register: registerLedger },
  { name: "env", register: registerEnv },
  { name: "secrets", register: registerSecrets },
  { name: "billing", register: registerBilling }
]

/** What reacts to published events, family by family. */
export const eventSubscribers: ReadonlyArray<(sim: Services, event: SimEvent) => void> = families.flatMap((f) =>
  f.onEvent === undefined ? [] : [f.onEvent]
)

/** Every API route (admin excluded). The router does not depend on registration order. */
export const apiRoutes = (): RouteTable => {
  const r = new RouteTable()
  for (const f of families) f.register(r)
  return r
}
