/**
 * The API families, one route module each (mirroring the SDK packages). Later work adds `logic`, `ledger`
 * and `env` here: one module and one line each.
 */
import { RouteTable } from "../context.js"
import { registerAuth } from "./auth.js"
import { registerDevices } from "./devices.js"
import { registerEvents } from "./events.js"
import { registerFirmware } from "./firmware.js"
import { registerIntegrations } from "./integrations.js"
import { registerLibraries } from "./libraries.js"
import { registerProducts } from "./products.js"
import { registerSims } from "./sims.js"

export interface Family {
  readonly name: string
  readonly register: (r: RouteTable) => void
}

export const families: ReadonlyArray<Family> = [
  { name: "auth", register: registerAuth },
  { name: "devices", register: registerDevices },
  { name: "events", register: registerEvents },
  { name: "firmware", register: registerFirmware },
  { name: "products", register: registerProducts },
  { name: "sims", register: registerSims },
  { name: "integrations", register: registerIntegrations },
  { name: "libraries", register: registerLibraries }
  // logic, ledger, env: not simulated yet
]

/** Every API route (admin excluded). The router does not depend on registration order. */
export const apiRoutes = (): RouteTable => {
  const r = new RouteTable()
  for (const f of families) f.register(r)
  return r
}
