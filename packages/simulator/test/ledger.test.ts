import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const ISO = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

const ledger = async (name: string, scope: string, extra: Record<string, unknown> = {}) => {
  const r = await call(sim, "POST", "/v1/ledgers", { json: { ledger: { name, scope, ...extra } } })
  expect(r.status, JSON.stringify(r.json)).toBe(201)
  return r.json.ledger
}

describe("Ledger definitions", () => {
  it("create answers 201 {ledger} with the docs' fields; the docs' `definition` key is accepted too", async () => {
    expect(await ledger("a", "Owner", { description: "d", direction: "Upstream" })).toEqual({
      scope: "Owner",
      name: "a",
      description: "d",
      direction: "Upstream",
      updated_at: ISO,
      created_at: ISO,
      archived_at: null
    })
    const docs = await call(sim, "POST", "/v1/ledgers", { json: { definition: { name: "b", scope: "Product" } } })
    expect([docs.status, docs.json.ledger.direction]).toEqual([201, "Downstream"])
  })

  it("bad names, scopes, directions → 400 validation bodies; a taken name → 409; archive → 204 with no body", async () => {
    const bad = await call(sim, "POST", "/v1/ledgers", { json: { ledger: { name: "Bad Name", scope: "Owner" } } })
    expect(bad.status).toBe(400)
    expect(bad.json).toEqual({
      error: "invalid_request",
      error_description:
        "Validation error: : Must only contain lowercase letters, numbers, and dashes, and be 1 to 32 characters long at \"ledger.name\""
    })
    expect(
      (await call(sim, "POST", "/v1/ledgers", { json: { ledger: { name: "x", scope: "Fleet" } } })).json
        .error_description
    )
      .toBe("Validation error: : Must be one of Owner, Product, Device at \"ledger.scope\"")
    expect(
      (await call(sim, "POST", "/v1/ledgers", { json: { ledger: { name: "x", scope: "Owner", direction: "Both" } } }))
        .json.error_description
    )
      .toBe("Validation error: : Must be one of Downstream, Upstream at \"ledger.direction\"")
    expect((await call(sim, "POST", "/v1/ledgers", { json: {} })).json.error_description).toBe(
      "Validation error: : Is required at \"ledger\""
    )
    await ledger("taken", "Owner")
    const conflict = await call(sim, "POST", "/v1/ledgers", { json: { ledger: { name: "taken", scope: "Device" } } })
    expect([conflict.status, conflict.json]).toEqual([409, {
      error: "conflict",
      error_description: "A ledger named taken already exists"
    }])
    const archived = await call(sim, "DELETE", "/v1/ledgers/taken")
    expect([archived.status, archived.text]).toEqual([204, ""])
    expect((await call(sim, "GET", "/v1/ledgers/taken")).json.ledger.archived_at).toEqual(ISO)
    expect((await call(sim, "GET", "/v1/ledgers/nope")).json).toEqual({
      error: "not_found",
      error_description: "Ledger not found"
    })
  })

  it("the org twin is its own namespace; members only", async () => {
    const org = `/v1/orgs/${sim.seed.org.slug}/ledgers`
    expect((await call(sim, "POST", org, { json: { ledger: { name: "o", scope: "Owner" } } })).status).toBe(201)
    expect((await call(sim, "GET", "/v1/ledgers/o")).status).toBe(404)
    expect((await call(sim, "GET", `${org}/o`)).status).toBe(200)
    expect((await call(sim, "GET", org, { token: sim.seed.otherUser.accessToken })).status).toBe(404)
    expect(
      (await call(sim, "GET", `/v1/orgs/${sim.seed.org.id}/ledgers`)).json.ledgers.map((l: { name: string }) => l.name)
    ).toEqual(["o"])
  })
})

describe("Ledger instances", () => {
  it("instances per scope value: the owner's id, a product id or slug, a device id; others 404", async () => {
    await ledger("owner", "Owner")
    await ledger("product", "Product")
    await ledger("device", "Device")
    const put = (name: string, value: string) =>
      call(sim, "PUT", `/v1/ledgers/${name}/instances/${value}`, { json: { instance: { data: { v: 1 } } } })
    const own = await put("owner", sim.seed.user.id)
    expect(own.status).toBe(201)
    expect(own.json.instance).toEqual({
      name: "owner",
      scope: { type: "Owner", value: sim.seed.user.id, name: sim.seed.user.username },
      size_bytes: 7,
      data: { v: 1 },
      version: 1,
      updated_at: ISO,
      created_at: ISO
    })
    expect((await put("product", sim.seed.product.slug)).json.instance.scope).toEqual({
      type: "Product",
      value: String(sim.seed.product.id),
      name: sim.seed.product.name
    })
    expect((await put("device", sim.seed.devices.cellular.id)).json.instance.scope.name).toBe(
      sim.seed.devices.cellular.name
    )
    for (
      const [name, value] of [["owner", sim.seed.otherUser.id], ["product", "999999"], [
        "device",
        sim.seed.otherUser.deviceId
      ], ["device", "not-a-device"]] as const
    ) {
      const r = await put(name, value)
      expect([name, value, r.status, r.json.error]).toEqual([name, value, 404, "not_found"])
    }
  })

  it("Replace vs Merge (top-level keys); Merge into a missing instance 404; the docs' `{data}` body; set_mode checked", async () => {
    await ledger("cfg", "Owner")
    const path = `/v1/ledgers/cfg/instances/${sim.seed.user.id}`
    const missing = await call(sim, "PUT", `${path}?set_mode=Merge`, { json: { instance: { data: { a: 1 } } } })
    expect([missing.status, missing.json]).toEqual([404, {
      error: "not_found",
      error_description: "Ledger instance not found"
    }])
    await call(sim, "PUT", path, { json: { data: { a: 1, nested: { x: 1, y: 2 } } } })
    const merged = await call(sim, "PUT", `${path}?set_mode=Merge`, {
      json: { instance: { data: { b: 2, nested: { x: 9 } } } }
    })
    expect(merged.json.instance.data).toEqual({ a: 1, b: 2, nested: { x: 9 } })
    const replaced = await call(sim, "PUT", `${path}?set_mode=Replace`, { json: { instance: { data: { c: 3 } } } })
    expect([replaced.json.instance.data, replaced.json.instance.version]).toEqual([{ c: 3 }, 3])
    expect(
      (await call(sim, "PUT", `${path}?set_mode=Append`, { json: { instance: { data: {} } } })).json.error_description
    )
      .toBe("Validation error: : Must be one of Replace, Merge at \"set_mode\"")
  })

  it("data must be a JSON object of at most 16 KB, nested at most 64 levels; `__proto__` is just a key", async () => {
    await ledger("cfg", "Owner")
    const path = `/v1/ledgers/cfg/instances/${sim.seed.user.id}`
    expect((await call(sim, "PUT", path, { json: { instance: { data: [1, 2] } } })).json.error_description)
      .toBe("Validation error: : Must be an object at \"instance.data\"")
    expect((await call(sim, "PUT", path, { json: { instance: {} } })).json.error_description).toBe(
      "Validation error: : Is required at \"instance.data\""
    )
    const big = await call(sim, "PUT", path, { json: { instance: { data: { s: "x".repeat(16 * 1024) } } } })
    expect([big.status, big.json.error_description]).toEqual([
      400,
      "Validation error: : Must be at most 16384 bytes at \"instance.data\""
    ])
    let deep: Record<string, unknown> = { end: true }
    for (let i = 0; i < 70; i++) deep = { d: deep }
    expect((await call(sim, "PUT", path, { json: { instance: { data: deep } } })).status).toBe(400)
    const proto = await call(sim, "PUT", path, {
      body: "{\"instance\":{\"data\":{\"__proto__\":{\"polluted\":1},\"ok\":true}}}",
      headers: { "content-type": "application/json" }
    })
    expect(proto.status).toBe(201)
    expect(proto.text).toContain("\"__proto__\":{\"polluted\":1}")
    expect(({} as { polluted?: number }).polluted).toBeUndefined()
  })

  it("versions: each set keeps the replaced data with replaced_at, newest first, 25 an answer with has_more, the newest 100 kept", async () => {
    await ledger("hist", "Owner")
    const path = `/v1/ledgers/hist/instances/${sim.seed.user.id}`
    for (let n = 1; n <= 105; n++) {
      expect((await call(sim, "PUT", path, { json: { instance: { data: { n } } } })).status).toBe(201)
    }
    const first = await call(sim, "GET", `${path}/versions`)
    expect(first.json.meta).toEqual({ has_more: true })
    expect(first.json.versions).toHaveLength(25)
    expect(first.json.versions[0]).toMatchObject({ data: { n: 104 }, version: 104, replaced_at: ISO })
    let all: Array<{ version: number; replaced_at: string }> = [...first.json.versions]
    let before = first.json.versions.at(-1).replaced_at
    for (;;) {
      const page = await call(sim, "GET", `${path}/versions?replaced_before=${encodeURIComponent(before)}`)
      all = [...all, ...page.json.versions]
      if (!page.json.meta.has_more || page.json.versions.length === 0) break
      before = page.json.versions.at(-1).replaced_at
    }
    // timestamps can repeat within a millisecond, so paging by replaced_before may skip equal ones; every kept version is among 5..104
    expect(new Set(all.map((v) => v.version)).size).toBeLessThanOrEqual(100)
    expect(Math.min(...all.map((v) => v.version))).toBeGreaterThanOrEqual(5)
    expect((await call(sim, "GET", `${path}/versions/4`)).status).toBe(404)
    expect((await call(sim, "GET", `${path}/versions/5`)).json.instance.data).toEqual({ n: 5 })
    expect((await call(sim, "GET", `${path}/versions/105`)).json.instance).toMatchObject({
      data: { n: 105 },
      version: 105
    })
    expect((await call(sim, "GET", `${path}/versions?replaced_after=not-a-date`)).json.error_description)
      .toBe("Validation error: : Must be a valid ISO 8601 date at \"replaced_after\"")
    const deleted = await call(sim, "DELETE", path)
    expect([deleted.status, deleted.text]).toEqual([204, ""])
    expect((await call(sim, "GET", `${path}/versions`)).status).toBe(404)
  })

  it("an archived ledger refuses writes (400) and keeps its instances readable", async () => {
    await ledger("gone", "Owner")
    const path = `/v1/ledgers/gone/instances/${sim.seed.user.id}`
    await call(sim, "PUT", path, { json: { instance: { data: { a: 1 } } } })
    await call(sim, "DELETE", "/v1/ledgers/gone")
    expect((await call(sim, "PUT", path, { json: { instance: { data: { a: 2 } } } })).json).toEqual({
      error: "invalid_request",
      error_description: "Ledger gone is archived"
    })
    expect((await call(sim, "GET", path)).json.instance.data).toEqual({ a: 1 })
    const list = await call(sim, "GET", "/v1/ledgers?archived=true&scope=Owner")
    expect(list.json).toEqual({
      ledgers: [expect.objectContaining({ name: "gone" })],
      meta: { page: 1, per_page: 100, total_pages: 1, total: 1 }
    })
    expect((await call(sim, "GET", "/v1/ledgers?scope=Fleet")).status).toBe(400)
  })
})
