import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

describe("Device OS versions (the envelope particle-cli reads)", () => {
  it("GET /v1/device-os/versions → {versions:[…], meta:{…}} with one entry per release", async () => {
    const r = await call(sim, "GET", "/v1/device-os/versions")
    expect(r.status).toBe(200)
    expect(Array.isArray(r.json)).toBe(false)
    expect(Object.keys(r.json).sort()).toEqual(["meta", "versions"])
    const versions = r.json.versions as Array<any>
    expect(versions.length).toBeGreaterThan(0)
    expect(new Set(versions.map((v) => v.version)).size).toBe(versions.length)
    for (const v of versions) {
      expect(typeof v.version).toBe("string")
      expect(Number.isInteger(v.internal_version)).toBe(true)
      expect(["ga", "preview", "archived"]).toContain(v.release_state)
      expect(v.base_url).toBe(`https://api.particle.io/v1/firmware/device-os/v${v.version}`)
      expect(Array.isArray(v.supported_platforms)).toBe(true)
    }
    expect(r.json.meta).toEqual({ page: 1, per_page: 25, total_pages: 1, total: versions.length })
  })
  it("filters by platform_id and internal_version, pages with page/per_page and keeps meta.total", async () => {
    const p2 = await call(sim, "GET", "/v1/device-os/versions?platform_id=32")
    expect(p2.json.versions.length).toBeGreaterThan(1)
    expect(p2.json.versions.every((v: any) => v.supported_platforms.includes(32))).toBe(true)
    const total = p2.json.meta.total as number
    const page1 = await call(sim, "GET", "/v1/device-os/versions?platform_id=32&page=1&per_page=1")
    const page2 = await call(sim, "GET", "/v1/device-os/versions?platform_id=32&page=2&per_page=1")
    expect(page1.json.versions).toHaveLength(1)
    expect(page2.json.versions).toHaveLength(1)
    expect(page1.json.versions[0].version).not.toBe(page2.json.versions[0].version)
    expect(page2.json.meta).toEqual({ page: 2, per_page: 1, total_pages: total, total })
    const iv = p2.json.versions[0].internal_version as number
    const one = await call(sim, "GET", `/v1/device-os/versions?internal_version=${iv}`)
    expect(one.json.versions.map((v: any) => v.internal_version)).toEqual([iv])
    const none = await call(sim, "GET", "/v1/device-os/versions?platform_id=999")
    expect(none.json).toEqual({ versions: [], meta: { page: 1, per_page: 25, total_pages: 0, total: 0 } })
  })
  it("the CLI's compile --target check finds a version in body.versions", async () => {
    // particle-cli cloud.js: data?.versions?.filter((t) => t.version === target)
    const body = (await call(sim, "GET", "/v1/device-os/versions?platform_id=13&per_page=100")).json
    expect(body?.versions?.filter((t: any) => t.version === "6.2.1")).toHaveLength(1)
  })
  it("GET /v1/device-os/versions/:version by semver or internal version, with platform_id", async () => {
    const bySemver = await call(sim, "GET", "/v1/device-os/versions/2.3.1?platform_id=6")
    expect(bySemver.json).toMatchObject({
      version: "2.3.1",
      internal_version: 2301,
      platform_id: 6,
      base_url: "https://api.particle.io/v1/firmware/device-os/v2.3.1"
    })
    expect(Array.isArray(bySemver.json.modules)).toBe(true)
    // particle-cli asks by internal version: /v1/device-os/versions/4100?platform_id=6
    const byInternal = await call(sim, "GET", "/v1/device-os/versions/2301?platform_id=6")
    expect(byInternal.json.version).toBe("2.3.1")
    expect((await call(sim, "GET", "/v1/device-os/versions/2.3.1?platform_id=32")).status).toBe(404)
    expect((await call(sim, "GET", "/v1/device-os/versions/9.9.9")).status).toBe(404)
  })
})
