/**
 * The fleet reacting to a firmware release: every online product device whose target version (by Particle's
 * precedence: lock > group release > product default; none for development devices) differs from what it
 * runs downloads it, as a real device would at its next handshake: `spark/flash/status` `started`, then
 * (a tick later) `success`, and the device reconnects (`spark/status` `online`), now reporting the new
 * `version` on product streams. Offline devices keep their version (they would update when they connect).
 */
import type { Services } from "../context.js"
import type { DeviceRecord, ProductRecord } from "../store/types.js"

/** The devices a release changes: online, not locked, with a target that is not what they run. */
export const devicesToUpdate = (sim: Services, p: ProductRecord): Array<{ device: DeviceRecord; version: number }> => {
  const out: Array<{ device: DeviceRecord; version: number }> = []
  for (const d of sim.store.devices.inProduct(p.id)) {
    if (!d.online || d.desiredFirmwareVersion !== null) continue
    const version = sim.store.products.targetVersion(p, d)
    if (version !== undefined && version !== d.firmwareVersion) out.push({ device: d, version })
  }
  return out
}

/** Starts the over-the-air updates a release implies; returns how many devices are updating. */
export const rollOut = (sim: Services, p: ProductRecord): number => {
  const updates = devicesToUpdate(sim, p)
  const store = sim.store
  for (const { device } of updates) sim.publish({ name: "spark/flash/status", data: "started ", device })
  if (updates.length > 0) {
    setTimeout(() => {
      // a reset in between swapped the store: those devices are gone
      if (sim.store !== store) return
      for (const { device, version } of updates) {
        if (device.productId !== p.id || !device.online) continue
        device.firmwareVersion = version
        sim.publish({ name: "spark/flash/status", data: "success ", device })
        device.lastHandshakeAt = new Date().toISOString()
        sim.publish({ name: "spark/status", data: "online", device })
      }
    }, 1).unref()
  }
  return updates.length
}
