import * as http from "node:http"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const ORIGIN = "http://app.example.test:5173"

const preflight = (s: Sim, path: string, headers: Record<string, string>) =>
  fetch(s.url + path, { method: "OPTIONS", headers })

/** Response headers of an SSE open (closed as soon as the headers are in). */
const streamHeaders = (s: Sim, path: string, headers: Record<string, string>): Promise<http.IncomingHttpHeaders> =>
  new Promise((resolve, reject) => {
    const req = http.get(s.url + path, { headers, agent: false }, (res) => {
      resolve(res.headers)
      req.destroy()
    })
    req.on("error", reject)
  })

describe("CORS", () => {
  it("answers preflights with 204 and the allow headers, echoing the origin", async () => {
    const r = await preflight(sim, "/v1/devices", {
      origin: ORIGIN,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type, x-particle-tool, x-not-allowed"
    })
    expect(r.status).toBe(204)
    expect(await r.text()).toBe("")
    expect(r.headers.get("access-control-allow-origin")).toBe(ORIGIN)
    expect(r.headers.get("vary")).toMatch(/Origin/)
    expect(r.headers.get("access-control-allow-methods")!.split(/,\s*/).sort()).toEqual([
      "GET",
      "HEAD",
      "OPTIONS",
      "POST"
    ])
    const allowed = r.headers.get("access-control-allow-headers")!.toLowerCase().split(/,\s*/)
    for (const h of ["authorization", "content-type", "accept", "user-agent", "x-particle-tool"]) {
      expect(allowed).toContain(h)
    }
    expect(allowed).not.toContain("x-not-allowed")
    expect(Number(r.headers.get("access-control-max-age"))).toBeGreaterThan(0)
    // a path with parameters, and one with a static-vs-parameter choice
    const v = await preflight(sim, `/v1/devices/${sim.seed.devices.online.id}/temperature`, {
      origin: ORIGIN,
      "access-control-request-method": "GET"
    })
    expect(v.status).toBe(204)
    expect(v.headers.get("access-control-allow-methods")!.split(/,\s*/).sort()).toEqual([
      "GET",
      "HEAD",
      "OPTIONS",
      "POST"
    ])
    // no Origin: *
    const star = await preflight(sim, "/v1/user", { "access-control-request-method": "GET" })
    expect([star.status, star.headers.get("access-control-allow-origin")]).toEqual([204, "*"])
  })

  it("puts Allow-Origin and Expose-Headers on every response: success, errors, 404, faults, SSE", async () => {
    const check = (h: Headers | http.IncomingHttpHeaders) => {
      const get = (k: string) => (h instanceof Headers ? h.get(k) : (h[k] as string | undefined) ?? null)
      expect(get("access-control-allow-origin")).toBe(ORIGIN)
      const exposed = get("access-control-expose-headers")!.toLowerCase().split(/,\s*/)
      for (const x of ["retry-after", "content-disposition", "content-type"]) expect(exposed).toContain(x)
    }
    const headers = { origin: ORIGIN }
    const okr = await call(sim, "GET", "/v1/user", { headers })
    expect(okr.status).toBe(200)
    check(okr.headers)
    const unauth = await call(sim, "GET", "/v1/user", { headers, token: "0".repeat(40) })
    expect(unauth.status).toBe(401)
    check(unauth.headers)
    const missing = await call(sim, "GET", "/v1/nope", { headers })
    expect(missing.status).toBe(404)
    check(missing.headers)
    sim.setFault({ kind: "rateLimit", times: 1, retryAfterSeconds: 2 })
    const limited = await call(sim, "GET", "/v1/user", { headers })
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([429, "2"])
    check(limited.headers)
    sim.setFault({ kind: "status", route: "/v1/devices", status: 503, times: 1 })
    const fault = await call(sim, "GET", "/v1/devices", { headers })
    expect(fault.status).toBe(503)
    check(fault.headers)
    const sse = await streamHeaders(sim, "/v1/devices/events", {
      origin: ORIGIN,
      authorization: `Bearer ${sim.accessToken}`
    })
    expect(sse["content-type"]).toBe("text/event-stream")
    check(sse)
    const bad = await call(sim, "POST", "/v1/devices/events", {
      headers: { ...headers, "content-type": "application/json" },
      body: "{oops"
    })
    expect(bad.status).toBe(400)
    check(bad.headers)
  })

  it("preflights are not recorded and do not count against rate limits", async () => {
    const limited = await Simulator.start({ rateLimits: { requests: 1, windowMs: 60_000 } })
    try {
      for (let i = 0; i < 3; i++) {
        expect(
          (await preflight(limited, "/v1/user", { origin: ORIGIN, "access-control-request-method": "GET" })).status
        ).toBe(204)
      }
      expect(limited.requests()).toEqual([])
      expect((await call(limited, "GET", "/v1/user")).status).toBe(200)
      expect(limited.requests().map((r) => r.method)).toEqual(["GET"])
    } finally {
      await limited.close()
    }
  })

  it("the cors option restricts origins; a disallowed origin gets no CORS headers", async () => {
    const strict = await Simulator.start({ cors: { origins: [ORIGIN] } })
    try {
      const okp = await preflight(strict, "/v1/user", { origin: ORIGIN, "access-control-request-method": "GET" })
      expect([okp.status, okp.headers.get("access-control-allow-origin")]).toEqual([204, ORIGIN])
      const evil = await preflight(strict, "/v1/user", {
        origin: "http://evil.test",
        "access-control-request-method": "GET"
      })
      expect(evil.headers.get("access-control-allow-origin")).toBeNull()
      expect(evil.headers.get("access-control-allow-methods")).toBeNull()
      const get = await call(strict, "GET", "/v1/user", { headers: { origin: "http://evil.test" } })
      expect(get.status).toBe(200)
      expect(get.headers.get("access-control-allow-origin")).toBeNull()
      expect(get.headers.get("access-control-expose-headers")).toBeNull()
      const noOrigin = await call(strict, "GET", "/v1/user")
      expect(noOrigin.headers.get("access-control-allow-origin")).toBeNull()
    } finally {
      await strict.close()
    }
  })
})
