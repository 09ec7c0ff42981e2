import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { makeLibraryArchive } from "../src/internal/library-archive.js"
import { call, multipart, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]
const admin = (method: string, path: string, body: string) =>
  call(sim, method, `/__sim${path}`, { token: null, body, headers: { "content-type": "application/json" } })

describe("user-controlled keys named like Object.prototype members are ordinary keys", () => {
  it("variables and functions (admin API and handle) are stored and answered", async () => {
    const dev = sim.seed.devices.online.id
    for (const [i, key] of KEYS.entries()) {
      expect((await admin("PUT", `/devices/${dev}/variables/${key}`, JSON.stringify({ value: i + 10 }))).json).toEqual({
        ok: true
      })
      const v = await call(sim, "GET", `/v1/devices/${dev}/${key}`)
      expect([key, v.status, v.json.result]).toEqual([key, 200, i + 10])
      expect((await admin("PUT", `/devices/${dev}/functions/${key}`, JSON.stringify({ returnValue: i + 20 }))).json)
        .toEqual({ ok: true })
      const f = await call(sim, "POST", `/v1/devices/${dev}/${key}`, { json: { arg: "" } })
      expect([key, f.status, f.json.return_value]).toEqual([key, 200, i + 20])
    }
    const d = (await call(sim, "GET", `/v1/devices/${dev}`)).json
    for (const key of KEYS) {
      expect(Object.hasOwn(d.variables, key)).toBe(true)
      expect(d.functions).toContain(key)
    }
    sim.setVariable(sim.seed.devices.cellular.id, "__proto__", "handle")
    expect((await call(sim, "GET", `/v1/devices/${sim.seed.devices.cellular.id}/__proto__`)).json.result).toBe("handle")
  })

  it("a device created with such variables and functions keeps them", async () => {
    const body =
      `{"name":"proto-dev","variables":{"__proto__":1,"constructor":"c"},"functions":{"__proto__":7,"toString":8}}`
    const created = await admin("POST", "/devices", body)
    expect(created.status).toBe(201)
    const id = created.json.id as string
    expect((await call(sim, "GET", `/v1/devices/${id}/__proto__`)).json.result).toBe(1)
    expect((await call(sim, "GET", `/v1/devices/${id}/constructor`)).json.result).toBe("c")
    expect((await call(sim, "POST", `/v1/devices/${id}/__proto__`, { json: {} })).json.return_value).toBe(7)
    expect((await call(sim, "POST", `/v1/devices/${id}/toString`, { json: {} })).json.return_value).toBe(8)
    const d = sim.createDevice({ name: "handle-dev", variables: JSON.parse(`{"__proto__":5}`) })
    expect((await call(sim, "GET", `/v1/devices/${d.id}/__proto__`)).json.result).toBe(5)
  })

  it("groups, team members, customers, libraries and config keys", async () => {
    const P = `/v1/products/${sim.seed.product.id}`
    for (const key of ["__proto__", "constructor"]) {
      expect((await call(sim, "POST", `${P}/groups`, { json: { name: key } })).status).toBe(201)
      expect((await call(sim, "GET", `${P}/groups/${key}`)).json.group.name).toBe(key)
      // a team member is invited by email now: the name is refused with Particle's 400, never silently dropped
      expect((await call(sim, "POST", `${P}/team`, { json: { username: key } })).status).toBe(400)
      expect((await call(sim, "POST", `${P}/customers`, { json: { email: key, password: "pw" } })).status).toBe(201)
    }
    const groups = (await call(sim, "GET", `${P}/groups`)).json.groups.map((g: any) => g.name)
    expect(groups).toEqual(expect.arrayContaining(["__proto__", "constructor"]))
    expect((await call(sim, "DELETE", `${P}/team/__proto__`)).status).toBe(404)
    const customers = (await call(sim, "GET", `${P}/customers`)).json.customers.map((c: any) => c.username)
    expect(customers).toEqual(expect.arrayContaining(["__proto__", "constructor"]))
    // libraries are real archives now; `__proto__` is not a valid library name (it must start with a letter or
    // digit), so it is refused with Particle's JSON:API 400, while `constructor` is an ordinary library
    const upload = (name: string) =>
      fetch(`${sim.url}/v1/libraries`, {
        method: "POST",
        headers: { authorization: `Bearer ${sim.accessToken}` },
        body: multipart([{
          name: "archive",
          filename: "l.tar.gz",
          data: makeLibraryArchive({ name, version: "1.0.0" })
        }])
      })
    const refused = await upload("__proto__")
    expect(refused.status).toBe(400)
    expect((await refused.json()).errors[0].message).toBeTypeOf("string")
    expect((await upload("constructor")).status).toBe(201)
    expect((await call(sim, "GET", "/v1/libraries/constructor")).json.data.id).toBe("constructor")
    const cfg = await call(sim, "PUT", `${P}/config`, {
      body: `{"__proto__":{"radius":9}}`,
      headers: { "content-type": "application/json" }
    })
    expect(cfg.status).toBe(202)
    expect((await call(sim, "GET", `${P}/config`)).json.configuration["__proto__"]).toEqual({ radius: 9 })
  })

  it("form and multipart fields named __proto__ reach the handler", async () => {
    const dev = sim.seed.devices.online.id
    // a form field __proto__ next to the real argument does not swallow it
    const f = await call(sim, "POST", `/v1/devices/${dev}/echoLength`, {
      form: JSON.parse(`{"__proto__":"x","arg":"four"}`) as Record<string, string>
    })
    expect(f.json.return_value).toBe(4)
    const c = await fetch(`${sim.url}/v1/binaries`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.accessToken}` },
      body: multipart([{ name: "file", filename: "a.ino", data: "x" }, { name: "__proto__", data: "y" }, {
        name: "platform_id",
        data: "12"
      }])
    })
    expect(c.status).toBe(200)
    const rec = sim.requests().find((r) => r.path === "/v1/binaries")!
    expect(rec.multipart!.map((p) => p.name)).toEqual(["file", "__proto__", "platform_id"])
  })
})
