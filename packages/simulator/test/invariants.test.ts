import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

describe("store invariants", () => {
  it("a created integration never takes the seeded integration's id, and the seeded one survives", async () => {
    const seeded = sim.seed.integrationId
    const before = await call(sim, "GET", `/v1/integrations/${seeded}`)
    expect(before.status).toBe(200)
    const created = await call(sim, "POST", "/v1/integrations", {
      json: { integration_type: "Webhook", event: "new-one", url: "https://example.com/new" }
    })
    expect(created.status).toBe(201)
    expect(created.json.id).not.toBe(seeded)
    const after = await call(sim, "GET", `/v1/integrations/${seeded}`)
    expect(after.json.integration).toMatchObject({ id: seeded, event: "temperature", url: "https://example.com/hook" })
    const list = await call(sim, "GET", "/v1/integrations")
    expect(list.json.map((i: any) => i.id).sort()).toEqual([seeded, created.json.id].sort())
  })

  it("reset restores the seeded serial numbers (the serial counter belongs to the store)", async () => {
    const serial = sim.seed.serialNumber
    const lookup = await call(sim, "GET", `/v1/serial_numbers/${serial}`)
    expect(lookup.json.deviceID).toBe(sim.seed.devices.online.id)
    sim.createDevice({ name: "extra" })
    sim.reset()
    expect(sim.seed.serialNumber).toBe(serial)
    const again = await call(sim, "GET", `/v1/serial_numbers/${serial}`)
    expect([again.status, again.json.deviceID]).toEqual([200, sim.seed.devices.online.id])
  })
})

describe("Simulator.fleet", () => {
  it("names exactly what a running simulator seeds", async () => {
    const sim = await Simulator.start()
    try {
      const fleet = Simulator.fleet()
      expect(fleet.devices).toEqual(sim.seed.devices)
      expect(fleet.product).toEqual(sim.seed.product)
      expect(fleet.sims).toEqual(sim.seed.sims)
      expect([fleet.user.id, fleet.otherUser.deviceId]).toEqual([sim.seed.user.id, sim.seed.otherUser.deviceId])
      expect(JSON.stringify(fleet)).not.toContain(sim.accessToken)
    } finally {
      await sim.close()
    }
  })
})
