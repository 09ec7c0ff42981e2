/**
 * SIMs: the state machine (active → inactive → active, paused over the data limit → reactivated with a
 * higher limit), data usage that grows with the device's events, and the errors for an unknown or foreign
 * ICCID.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, multipart, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const userSim = () => sim.seed.sims.user[0]! // in boron-cellular
const P = () => `/v1/products/${sim.seed.product.id}`

describe("SIM state machine", () => {
  it("deactivate → inactive, reactivate → active; counts and last action follow", async () => {
    const iccid = userSim()
    const before = (await call(sim, "GET", `/v1/sims/${iccid}`)).json.sim
    expect(before).toMatchObject({
      iccid,
      _id: iccid,
      status: "active",
      activations_count: 1,
      deactivations_count: 0,
      last_status_change_action: "activate",
      device_id: sim.seed.devices.cellular.id
    })
    const off = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "deactivate" } })
    expect(off.status).toBe(200)
    expect(off.json).toMatchObject({
      ok: true,
      sim: { status: "inactive", deactivations_count: 1, last_status_change_action: "deactivate" }
    })
    const on = await call(sim, "PUT", `/v1/sims/${iccid}`, { form: { action: "reactivate" } })
    expect(on.json.sim).toMatchObject({
      status: "active",
      activations_count: 2,
      last_status_change_action: "reactivate"
    })
    const again = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "deactivate" } })
    expect(again.json.sim.status).toBe("inactive")
    const activate = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "activate", country: "US" } })
    expect(activate.json.sim).toMatchObject({
      status: "active",
      activations_count: 3,
      last_status_change_action: "activate"
    })
  })

  it("data usage grows with every event the SIM's device publishes, and only while the SIM is active", async () => {
    const iccid = userSim()
    const usage = async () => (await call(sim, "GET", `/v1/sims/${iccid}/data_usage`)).json
    const start = await usage()
    expect(start.iccid).toBe(iccid)
    expect(start.usage_by_day).toHaveLength(3)
    expect(start.usage_by_day.map((d: any) => d.mbs_used)).toEqual([0.98, 0.98, 0.98])
    expect(start.usage_by_day[2].mbs_used_cumulative).toBe(2.94)
    expect([start.used, start.quota]).toEqual([2.94, null])
    for (let i = 0; i < 5; i++) {
      sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "reading", data: String(i) })
    }
    const grown = await usage()
    expect(grown.usage_by_day[2].mbs_used).toBe(1.48)
    expect(grown.used).toBe(3.44)
    // another device's events do not count
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "reading", data: "x" })
    expect((await usage()).used).toBe(3.44)
    // an inactive SIM uses nothing
    await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "deactivate" } })
    sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "reading", data: "x" })
    expect((await usage()).used).toBe(3.44)
  })

  it("over the data limit a SIM pauses; reactivating needs a limit above its usage", async () => {
    const iccid = userSim()
    const set = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { mb_limit: 3 } })
    expect(set.json.sim).toMatchObject({ status: "active", mb_limit: 3 })
    sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "reading", data: "1" }) // 3.04 MB > 3 MB
    const paused = (await call(sim, "GET", `/v1/sims/${iccid}`)).json.sim
    expect(paused).toMatchObject({ status: "inactive_data_limit_reached", last_status_change_action: "pause" })
    const noLimit = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "reactivate" } })
    expect(noLimit.status).toBe(400)
    expect(noLimit.json).toEqual({
      ok: false,
      error: "This SIM card used 3.04 MB, over its data limit: reactivate it with a higher mb_limit"
    })
    const tooLow = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "reactivate", mb_limit: 2 } })
    expect(tooLow.status).toBe(400)
    const activate = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "activate" } })
    expect([activate.status, activate.json.error]).toEqual([
      400,
      "This SIM card is paused at its data limit: reactivate it with a higher mb_limit"
    ])
    const unpaused = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "reactivate", mb_limit: 10 } })
    expect(unpaused.json.sim).toMatchObject({ status: "active", mb_limit: 10, last_status_change_action: "reactivate" })
    // lowering the limit under the usage pauses an active SIM at once
    expect((await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { mb_limit: 1 } })).json.sim.status).toBe(
      "inactive_data_limit_reached"
    )
    // removing the limit (null) allows reactivation without a limit
    expect((await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "reactivate", mb_limit: null } })).json.sim)
      .toMatchObject({ status: "active", mb_limit: null })
  })

  it("bad actions and limits are 400; product SIMs cannot be activated through the user route", async () => {
    const iccid = userSim()
    expect((await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { action: "explode" } })).json).toEqual({
      ok: false,
      error: "action must be activate, deactivate or reactivate"
    })
    expect((await call(sim, "PUT", `/v1/sims/${iccid}`, { json: {} })).status).toBe(400)
    for (const bad of [0, -5, 2.5, "lots"]) {
      const r = await call(sim, "PUT", `/v1/sims/${iccid}`, { json: { mb_limit: bad } })
      expect([r.status, r.json.error]).toEqual([400, "mb_limit must be a whole number of MB, at least 1"])
    }
    const productSim = sim.seed.sims.product[0]!
    const r = await call(sim, "PUT", `/v1/sims/${productSim}`, { json: { action: "activate" } })
    expect([r.status, r.json.error]).toEqual([400, "Product SIM cards cannot be activated with this endpoint"])
    const viaProduct = await call(sim, "PUT", `${P()}/sims/${productSim}`, { json: { action: "deactivate" } })
    expect(viaProduct.json.sim.status).toBe("inactive")
  })
})

describe("SIM errors and the rest of the family", () => {
  it("an unknown ICCID is 404, another user's SIM is 403, a product SIM of another product is 404", async () => {
    const unknown = await call(sim, "GET", "/v1/sims/89000000000000000000")
    expect([unknown.status, unknown.json]).toEqual([404, { ok: false, error: "SIM card not found" }])
    expect((await call(sim, "HEAD", "/v1/sims/89000000000000000000")).status).toBe(404)
    const foreign = await call(sim, "PUT", `/v1/sims/${userSim()}`, {
      token: sim.seed.otherUser.accessToken,
      json: { action: "deactivate" }
    })
    expect([foreign.status, foreign.json]).toEqual([403, { ok: false, error: "Permission Denied" }])
    expect((await call(sim, "HEAD", `/v1/sims/${userSim()}`, { token: sim.seed.otherUser.accessToken })).status).toBe(
      403
    )
    expect((await call(sim, "GET", `${P()}/sims/${userSim()}/data_usage`)).status).toBe(404)
    expect((await call(sim, "DELETE", `/v1/products/999999/sims/${userSim()}`)).status).toBe(404)
    // the SIM is untouched
    expect((await call(sim, "GET", `/v1/sims/${userSim()}`)).json.sim.status).toBe("active")
  })

  it("HEAD is 204 with no body; DELETE releases (204) and the SIM is gone", async () => {
    const head = await call(sim, "HEAD", `/v1/sims/${userSim()}`)
    expect([head.status, head.text]).toEqual([204, ""])
    expect((await call(sim, "DELETE", `/v1/sims/${sim.seed.sims.user[1]}`)).status).toBe(204)
    expect((await call(sim, "GET", `/v1/sims/${sim.seed.sims.user[1]}`)).status).toBe(404)
    expect((await call(sim, "GET", "/v1/sims")).json.sims.map((s: any) => s.iccid)).toEqual([userSim()])
  })

  it("import into a product (sims[] or a file), fleet usage; non-members and bad ICCIDs are refused", async () => {
    const imported = await call(sim, "POST", `${P()}/sims`, {
      json: { sims: ["89314404000111111199", "89314404000111111198"], country: "US" }
    })
    expect(imported.json).toEqual({ ok: true })
    const list = await call(sim, "GET", `${P()}/sims?perPage=2&page=2`)
    expect(list.json.meta).toMatchObject({ page: 2, per_page: 2, total_pages: 2, total: 4 })
    const file = await call(sim, "POST", `${P()}/sims`, {
      body: multipart([{ name: "file", filename: "sims.txt", data: "89314404000111111197\n89314404000111111196\n" }])
    })
    expect(file.json).toEqual({ ok: true })
    const fleet = (await call(sim, "GET", `${P()}/sims/data_usage`)).json
    expect(fleet.total_active_sim_cards).toBe(6)
    expect(fleet.total_mbs_used).toBe(5.88) // two seeded product SIMs × 2.94 MB; imported ones start at 0
    const foreign = await call(sim, "POST", `${P()}/sims`, {
      token: sim.seed.otherUser.accessToken,
      json: { sims: ["89314404000111111199"] }
    })
    expect(foreign.status).toBe(403)
    const bad = await call(sim, "POST", `${P()}/sims`, { json: { sims: ["123"] } })
    expect([bad.status, bad.json.error]).toEqual([400, "Invalid ICCID: 123"])
    // a user SIM imported into the product moves there
    expect((await call(sim, "POST", `${P()}/sims`, { json: { sims: [sim.seed.sims.user[1]] } })).json).toEqual({
      ok: true
    })
    expect((await call(sim, "GET", "/v1/sims")).json.sims.map((s: any) => s.iccid)).toEqual([userSim()])
  })
})
