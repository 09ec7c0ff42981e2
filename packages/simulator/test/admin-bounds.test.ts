import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, openStream, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const admin = (method: string, path: string, json?: unknown) =>
  call(sim, method, `/__sim${path}`, { token: null, ...(json !== undefined ? { json } : {}) })
const adminRaw = (method: string, path: string, body: string) =>
  call(sim, method, `/__sim${path}`, { token: null, body, headers: { "content-type": "application/json" } })
const publishing = async () => (await admin("GET", "/sse")).json.publishing as number

describe("admin counts and sizes are bounded", () => {
  it("event publish: count, name, data and ttl over their bounds → 400 naming the field", async () => {
    const dev = sim.seed.devices.online.id
    for (
      const body of [
        `{"name":"x","count":1e12}`,
        `{"name":"x","count":1e309}`,
        `{"name":"x","count":-1}`,
        `{"name":"x","count":1.5}`,
        `{"name":"x","count":0}`
      ]
    ) {
      const r = await adminRaw("POST", `/devices/${dev}/events`, body)
      expect([body, r.status]).toEqual([body, 400])
      expect(r.json.error_description).toMatch(/count/)
    }
    const long = await admin("POST", `/devices/${dev}/events`, { name: "n".repeat(65) })
    expect([long.status, long.json.error_description]).toEqual([400, expect.stringMatching(/name/)])
    const big = await admin("POST", `/devices/${dev}/events`, { name: "x", data: "d".repeat(64 * 1024 + 1) })
    expect([big.status, big.json.error_description]).toEqual([400, expect.stringMatching(/data/)])
    const ttl = await adminRaw("POST", `/devices/${dev}/events`, `{"name":"x","ttl":1e400}`)
    expect([ttl.status, ttl.json.error_description]).toEqual([400, expect.stringMatching(/ttl/)])
    // still fine within the bounds
    expect((await admin("POST", `/devices/${dev}/events`, { name: "x", count: 3 })).json).toEqual({ ok: true })
  })

  it("faults, devices, users and tokens: sizes over their bounds → 400", async () => {
    const over = [
      ["/faults", { kind: "latency", ms: 1e12 }],
      ["/faults", { kind: "status", route: "/v1", status: 500, times: 1e300 }],
      ["/faults", { kind: "rateLimit", times: 1, retryAfterSeconds: 1e9 }],
      ["/faults", { kind: "sseDrop", afterEvents: 1e15 }],
      ["/faults", { kind: "ssePreload", events: Array.from({ length: 10_001 }, () => ({ name: "a", data: "b" })) }],
      ["/devices", {
        name: "many",
        variables: Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`v${i}`, i]))
      }],
      ["/devices", { name: "n".repeat(257) }],
      ["/users", { username: "u".repeat(1025), password: "p" }],
      ["/tokens", { username: "demo@particle.sim", scopes: Array.from({ length: 101 }, (_, i) => `s${i}`) }]
    ] as const
    for (const [path, body] of over) {
      const r = await admin("POST", path, body)
      expect([path, r.status]).toEqual([path, 400])
    }
    const v = await admin("PUT", `/devices/${sim.seed.devices.online.id}/variables/big`, {
      value: "x".repeat(64 * 1024 + 1)
    })
    expect(v.status).toBe(400)
    // nothing was applied: requests still answer normally
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  })

  it("a bulk publish stops when the caller disconnects", async () => {
    const s = await openStream(sim, "/v1/devices/events/bulk")
    const ctl = new AbortController()
    const pending = fetch(`${sim.url}/__sim/devices/${sim.seed.devices.online.id}/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "bulk", count: 1_000_000 }),
      signal: ctl.signal
    }).catch((e: Error) => e)
    await s.waitFor(() => s.count("event: bulk\n") >= 100, 10_000)
    expect(await publishing()).toBe(1)
    ctl.abort()
    expect(await pending).toBeInstanceOf(Error)
    let left = 1
    const deadline = Date.now() + 10_000
    while (left !== 0 && Date.now() < deadline) {
      left = await publishing()
      if (left !== 0) await new Promise((r) => setTimeout(r, 20))
    }
    expect(left).toBe(0)
    const received = s.count("event: bulk\n")
    expect(received).toBeLessThan(1_000_000)
    s.close()
  })

  it("reset stops a bulk publish (and no event of it reaches streams opened afterwards)", async () => {
    const first = await openStream(sim, "/v1/devices/events/bulk")
    const done = sim.publishMany({ deviceId: sim.seed.devices.online.id, name: "bulk", count: 1_000_000 })
    await first.waitFor(() => first.count("event: bulk\n") >= 100, 10_000)
    sim.reset()
    const after = await openStream(sim, "/v1/devices/events")
    sim.publish({ deviceId: sim.seed.devices.online.id, name: "marker" })
    await after.waitFor((t) => t.includes("event: marker\n"))
    await done
    expect(after.text()).not.toContain("event: bulk\n")
    expect(await publishing()).toBe(0)
    after.close()
  })
})
