import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const P = () => `/v1/products/${sim.seed.product.slug}`

describe("product routes", () => {
  it("device list: camelCase and snake_case filters, sorting, meta", async () => {
    const a = await call(sim, "GET", `${P()}/devices?deviceName=fleet-2`)
    const b = await call(sim, "GET", `${P()}/devices?device_name=fleet-2`)
    expect(a.json.devices.map((d: any) => d.name)).toEqual(["fleet-2"])
    expect(b.json.devices).toEqual(a.json.devices)
    const sorted = await call(sim, "GET", `${P()}/devices?sortAttr=deviceId&sortDir=desc&per_page=2`)
    expect(sorted.json.devices[0].id).toBe(sim.seed.product.deviceIds[4])
    expect(sorted.json.meta).toEqual({ page: 1, per_page: 2, total_pages: 3, total: 5 })
    expect(sorted.json.customers).toEqual([])
  })
  it("groups CRUD with 201/204 and batch assignment", async () => {
    const c = await call(sim, "POST", `${P()}/groups`, { json: { name: "west", color: "#fff", description: "d" } })
    expect([c.status, c.json.group]).toEqual([201, {
      name: "west",
      color: "#fff",
      description: "d",
      fw_version: null,
      device_count: 0
    }])
    expect((await call(sim, "POST", `${P()}/groups`, { json: { name: "Bad Name" } })).status).toBe(400)
    const batch = await call(sim, "PUT", `${P()}/devices`, {
      json: {
        action: "groups",
        devices: sim.seed.product.deviceIds.slice(0, 2),
        metadata: { add: ["west"], remove: ["europe"] }
      }
    })
    expect(batch.json).toEqual({ ok: true })
    expect((await call(sim, "GET", `${P()}/groups/west`)).json.group.device_count).toBe(2)
    expect((await call(sim, "GET", `${P()}/groups?name=as`)).json.groups.map((g: any) => g.name)).toEqual(["asia"])
    expect((await call(sim, "PUT", `${P()}/groups/west`, { json: { name: "east" } })).json.group.name).toBe("east")
    const d = await call(sim, "DELETE", `${P()}/groups/east`)
    expect([d.status, d.text]).toEqual([204, ""])
    expect((await call(sim, "GET", `${P()}/groups/east`)).status).toBe(404)
  })
  it("customers: create with bearer, list with meta, update, delete; API users on the team", async () => {
    const c = await call(sim, "POST", `${P()}/customers`, { json: { email: "new@c.io", password: "pw" } })
    expect([c.status, c.json.token_type, c.json.expires_in]).toEqual([201, "bearer", 7776000])
    const list = await call(sim, "GET", `${P()}/customers`)
    expect(list.json.customers.map((x: any) => x.username).sort()).toEqual(["customer@particle.sim", "new@c.io"])
    expect(list.json.meta.total_pages).toBe(1)
    expect((await call(sim, "PUT", `${P()}/customers/new@c.io`, { json: { password: "x" } })).json).toEqual({
      ok: true
    })
    expect((await call(sim, "DELETE", `${P()}/customers/new@c.io`)).json).toEqual({ ok: true })
    const apiUser = await call(sim, "POST", `${P()}/team`, {
      json: { friendly_name: "ci bot", scopes: ["devices:list"] }
    })
    expect(apiUser.json.created.is_programmatic).toBe(true)
    const t = apiUser.json.created.tokens[0].token
    expect((await call(sim, "GET", `/v1/user`, { token: t })).status).toBe(200)
  })
  it("firmware delete of a released version is refused; impact; metrics", async () => {
    expect((await call(sim, "DELETE", `${P()}/firmware/1`)).status).toBe(400)
    expect((await call(sim, "DELETE", `${P()}/firmware/2`)).status).toBe(204)
    expect(
      (await call(sim, "GET", `${P()}/impact?action=edit_groups_for_firmware&firmware_version=2&groups=asia`)).json
        .devices.firmware_update.total
    ).toBe(2)
    expect((await call(sim, "GET", `${P()}/metrics/online`)).json.online[0].count).toBe(3)
  })
  it("SIM actions and product SIM import", async () => {
    const iccid = sim.seed.sims.user[0]
    expect((await call(sim, "PUT", `/v1/sims/${iccid}`, { form: { action: "deactivate" } })).json.sim.status).toBe(
      "inactive"
    )
    expect((await call(sim, "GET", `/v1/sims/${iccid}`)).json.sim.iccid).toBe(iccid)
    expect((await call(sim, "GET", `/v1/sims/${iccid}/status`)).status).toBe(202)
    expect((await call(sim, "POST", `${P()}/sims`, { json: { sims: ["89314404000111111199"] } })).json).toEqual({
      ok: true
    })
    expect((await call(sim, "GET", `${P()}/sims?iccid=99`)).json.sims).toHaveLength(1)
    expect(
      (await call(sim, "GET", `/v1/sims/${sim.seed.sims.user[0]}`, { token: sim.seed.otherUser.accessToken })).status
    ).toBe(403)
  })
})
