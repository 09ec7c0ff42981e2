import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

describe("faults", () => {
  it("latency delays matching routes only", async () => {
    sim.setFault({ kind: "latency", ms: 150, route: "/v1/user" })
    const t = Date.now()
    await call(sim, "GET", "/v1/user")
    // a lower bound only: the fault guarantees at least its delay, however fast or loaded the machine is
    expect(Date.now() - t).toBeGreaterThanOrEqual(140)
    sim.clearFaults()
    // an unmatched route is not delayed: it completes while a matched request still waits out a minute
    sim.setFault({ kind: "latency", ms: 60_000, route: "/v1/user" })
    const slow = new AbortController()
    let slowDone = false
    const waiting = fetch(`${sim.url}/v1/user`, {
      headers: { authorization: `Bearer ${sim.accessToken}` },
      signal: slow.signal
    })
      .then(() => (slowDone = true), () => undefined)
    expect((await call(sim, "GET", "/v1/devices")).status).toBe(200)
    expect(slowDone).toBe(false)
    slow.abort()
    await waiting
  })
  it("status faults: JSON body, raw body, times, method and headers", async () => {
    sim.setFault({
      kind: "status",
      route: "/v1/devices",
      method: "GET",
      status: 503,
      times: 1,
      headers: { "x-fault": "1" }
    })
    const a = await call(sim, "GET", "/v1/devices")
    expect([a.status, a.json, a.headers.get("x-fault")]).toEqual([503, { error: "Service Unavailable" }, "1"])
    expect((await call(sim, "GET", "/v1/devices")).status).toBe(200)
    sim.setFault({ kind: "status", route: "/v1/user", status: 502, rawBody: "<html>Bad Gateway</html>" })
    const b = await call(sim, "GET", "/v1/user")
    expect([b.status, b.text, b.headers.get("content-type")]).toEqual([
      502,
      "<html>Bad Gateway</html>",
      "text/html; charset=utf-8"
    ])
    sim.clearFaults()
    sim.setFault({
      kind: "status",
      route: "/v1/user",
      status: 500,
      body: { error: "Internal Server Error" },
      probability: 0
    })
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  })
  it("rateLimit window with and without Retry-After", async () => {
    sim.setFault({ kind: "rateLimit", times: 2, retryAfterSeconds: 3 })
    const a = await call(sim, "GET", "/v1/user")
    expect([a.status, a.json.error, a.headers.get("retry-after")]).toEqual([429, "rate_limit_exceeded", "3"])
    expect((await call(sim, "GET", "/v1/user")).status).toBe(429)
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
    sim.setFault({ kind: "rateLimit", times: 1, route: "/v1/devices" })
    const b = await call(sim, "GET", "/v1/devices")
    expect([b.status, b.headers.get("retry-after")]).toEqual([429, null])
  })
  it("malformedJson truncates a 200 body", async () => {
    sim.setFault({ kind: "malformedJson", route: "/v1/user", times: 1 })
    const r = await call(sim, "GET", "/v1/user")
    expect(r.status).toBe(200)
    expect(() => JSON.parse(r.text)).toThrow()
    expect(r.text.startsWith("{\"username\"")).toBe(true)
    expect((await call(sim, "GET", "/v1/user")).json.username).toBe("demo@particle.sim")
  })
  it("reset clears faults and recordings", async () => {
    sim.setFault({ kind: "status", route: "/v1", status: 500 })
    await call(sim, "GET", "/v1/user")
    expect(sim.requests().length).toBe(1)
    sim.reset()
    expect(sim.requests().length).toBe(0)
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  })
})

describe("rate limits (opt-in)", () => {
  it("429 rate_limit_exceeded with Retry-After once the budget is spent; stream opens have their own budget", async () => {
    const limited = await Simulator.start({ rateLimits: { requests: 3, windowMs: 60_000, streamOpens: 1 } })
    try {
      for (let i = 0; i < 3; i++) expect((await call(limited, "GET", "/v1/user")).status).toBe(200)
      const r = await call(limited, "GET", "/v1/user")
      expect(r.status).toBe(429)
      expect(r.json).toMatchObject({ error: "rate_limit_exceeded" })
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
    const streams = await Simulator.start({ rateLimits: { streamOpens: 1 } })
    try {
      const c = new AbortController()
      const first = await fetch(`${streams.url}/v1/devices/events`, {
        headers: { authorization: `Bearer ${streams.accessToken}` },
        signal: c.signal
      })
      expect(first.status).toBe(200)
      const second = await call(streams, "GET", "/v1/devices/events")
      expect(second.status).toBe(429)
      c.abort()
    } finally {
      await streams.close()
    }
  })
  it("is off by default", async () => {
    const rs = await Promise.all(Array.from({ length: 50 }, () => call(sim, "GET", "/v1/user")))
    expect(rs.every((r) => r.status === 200)).toBe(true)
  })
})
