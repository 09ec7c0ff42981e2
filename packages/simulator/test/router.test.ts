import { describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { Router, splitPath } from "../src/internal/router.js"
import { apiRoutes } from "../src/internal/routes/index.js"

// deterministic PRNG so a failure is reproducible
const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}
const shuffled = <A>(xs: ReadonlyArray<A>, rand: () => number): Array<A> => {
  const out = [...xs]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const build = (routes: ReadonlyArray<{ method: string; pattern: string }>) => {
  const r = new Router<string>()
  for (const x of routes) r.add(x.method, x.pattern, `${x.method} ${x.pattern}`)
  return r
}
const resolve = (r: Router<string>, method: string, path: string) => {
  const m = r.match(method, splitPath(path))
  return m === undefined ? undefined : { route: m.entry.handler, params: { ...m.params } }
}

describe("order-independent router", () => {
  it("static segments win over parameters whatever the registration order", () => {
    const cases: Array<{ routes: Array<[string, string]>; probes: Array<[string, string, string | undefined]> }> = [
      {
        routes: [["GET", "/v1/sims/:iccid"], ["GET", "/v1/sims/data_usage"]],
        probes: [["GET", "/v1/sims/data_usage", "GET /v1/sims/data_usage"], [
          "GET",
          "/v1/sims/8934",
          "GET /v1/sims/:iccid"
        ]]
      },
      {
        routes: [["GET", "/v1/env/:deviceId"], ["GET", "/v1/env/render"], ["GET", "/v1/env/rollout"]],
        probes: [["GET", "/v1/env/render", "GET /v1/env/render"], ["GET", "/v1/env/rollout", "GET /v1/env/rollout"], [
          "GET",
          "/v1/env/abc",
          "GET /v1/env/:deviceId"
        ]]
      },
      {
        routes: [["PUT", "/v1/products/:p/firmware/:version"], ["PUT", "/v1/products/:p/firmware/release"], [
          "GET",
          "/v1/products/:p/firmware/:version"
        ]],
        probes: [
          ["PUT", "/v1/products/4242/firmware/release", "PUT /v1/products/:p/firmware/release"],
          ["PUT", "/v1/products/4242/firmware/3", "PUT /v1/products/:p/firmware/:version"],
          // no GET …/release route: the parameter route answers it
          ["GET", "/v1/products/4242/firmware/release", "GET /v1/products/:p/firmware/:version"]
        ]
      },
      {
        // a literal branch that leads nowhere backtracks to the parameter branch
        routes: [["GET", "/a/b/d"], ["GET", "/a/:x/c"], ["GET", "/a/:x/*rest"]],
        probes: [["GET", "/a/b/c", "GET /a/:x/c"], ["GET", "/a/b/d", "GET /a/b/d"], [
          "GET",
          "/a/b/e/f",
          "GET /a/:x/*rest"
        ], ["GET", "/a/b", undefined]]
      }
    ]
    for (const c of cases) {
      for (const order of [c.routes, [...c.routes].reverse()]) {
        const r = build(order.map(([method, pattern]) => ({ method, pattern })))
        for (const [method, path, expected] of c.probes) {
          expect([path, resolve(r, method, path)?.route]).toEqual([path, expected])
        }
      }
    }
  })

  it("every simulator route resolves the same way in several shuffled registration orders", () => {
    const entries = apiRoutes().router.entries.map((e) => ({ method: e.method, pattern: e.pattern }))
    expect(entries.length).toBeGreaterThan(150)
    const samples = [
      "4242",
      "sim-fleet",
      "e00fce680000000000000001",
      "events",
      "release",
      "data_usage",
      "ping",
      "owner",
      "status",
      "x%2Fy"
    ]
    const probes: Array<[string, string]> = []
    for (const e of entries) {
      for (const s of samples) {
        const path = "/" +
          splitPath(e.pattern).map((seg) => (seg.startsWith(":") || seg.startsWith("*") ? decodeURIComponent(s) : seg))
            .join("/")
        for (const m of [e.method, "HEAD", "GET", "POST"]) probes.push([m, path])
      }
    }
    const baseline = build(entries)
    const expected = probes.map(([m, p]) => resolve(baseline, m, p))
    // every route is reachable: instantiated with a neutral value it resolves to itself
    for (const e of entries) {
      const path = "/" +
        splitPath(e.pattern).map((seg) => (seg.startsWith(":") || seg.startsWith("*") ? "zzz-value" : seg)).join("/")
      expect(resolve(baseline, e.method, path)?.route).toBe(`${e.method} ${e.pattern}`)
    }
    for (const seed of [1, 2, 3, 42, 1234]) {
      const r = build(shuffled(entries, rng(seed)))
      expect(probes.map(([m, p]) => resolve(r, m, p))).toEqual(expected)
    }
  })

  it("a duplicate route (same method, same shape) is an error at registration", () => {
    const r = new Router<string>()
    r.add("GET", "/v1/devices/:id", "a")
    r.add("PUT", "/v1/devices/:id", "b")
    expect(() => r.add("GET", "/v1/devices/:deviceId", "c")).toThrow(/Duplicate route GET \/v1\/devices\/:deviceId/)
    expect(() => r.add("get", "/v1//devices/:x/", "d")).toThrow(/Duplicate route/)
    r.add("GET", "/v1/devices/:id/:name", "e")
    expect(() => r.add("GET", "/v1/devices/:id/events/*a", "f")).not.toThrow()
    expect(() => r.add("GET", "/v1/devices/:x/events/*b", "g")).toThrow(/Duplicate route/)
    expect(() => r.add("GET", "/v1/*rest/more", "h")).toThrow(/rest parameter must be last/)
    expect(() => r.add("GET", "/v1/:a/:a", "i")).toThrow(/appears twice/)
    expect(() => apiRoutes()).not.toThrow()
  })

  it("HEAD falls back to GET; an explicit HEAD route wins; methodsFor lists what a path answers", () => {
    const r = build([{ method: "GET", pattern: "/v1/sims/:iccid" }, { method: "HEAD", pattern: "/v1/sims/:iccid" }, {
      method: "GET",
      pattern: "/v1/devices"
    }, { method: "POST", pattern: "/v1/devices" }])
    expect(resolve(r, "HEAD", "/v1/sims/1")?.route).toBe("HEAD /v1/sims/:iccid")
    expect(resolve(r, "HEAD", "/v1/devices")?.route).toBe("GET /v1/devices")
    expect(resolve(r, "DELETE", "/v1/devices")).toBeUndefined()
    expect([...r.methodsFor(splitPath("/v1/devices"))].sort()).toEqual(["GET", "HEAD", "POST"])
    expect(resolve(r, "GET", "/v1/sims/123")?.params).toEqual({ iccid: "123" })
  })

  it("authentication is explicit: only these routes are public (they check credentials themselves or need none)", () => {
    const open = apiRoutes().router.entries.filter((e) => e.handler.auth === "public").map((e) =>
      `${e.method} ${e.pattern}`
    ).sort()
    expect(open).toEqual([
      "DELETE /v1/access_tokens/:token",
      "GET /v1/access_tokens",
      "GET /v1/build_targets",
      "POST /oauth/token",
      "POST /v1/products/:product/customers",
      "POST /v1/user/password-reset",
      "POST /v1/user/verify",
      "POST /v1/users"
    ])
  })
})

describe("Simulator.routes / Simulator.matchRoute", () => {
  it("lists every API route in :param form, admin excluded", () => {
    const all = Simulator.routes.map((r) => `${r.method} ${r.path}`)
    expect(all).toContain("GET /v1/devices/:id/:name")
    expect(all).toContain("POST /oauth/token")
    expect(all).toContain("HEAD /v1/sims/:iccid")
    expect(all).toContain("GET /v1/devices/events/:prefix*")
    expect(all.some((r) => r.includes("/__sim"))).toBe(false)
    expect(new Set(all).size).toBe(all.length)
    for (const r of Simulator.routes) expect(r.path).toMatch(/^(\/[A-Za-z0-9_.:-]+\*?)+$/)
  })

  it("matches concrete paths to their pattern", () => {
    expect(Simulator.matchRoute("GET", "/v1/products/4242/devices/abc")).toBe("/v1/products/:product/devices/:id")
    expect(Simulator.matchRoute("GET", "/v1/products/sim-fleet/devices/abc/temperature?format=raw")).toBe(
      "/v1/products/:product/devices/:id/:name"
    )
    expect(Simulator.matchRoute("PUT", "/v1/products/4242/firmware/release")).toBe(
      "/v1/products/:product/firmware/release"
    )
    expect(Simulator.matchRoute("GET", "/v1/products/4242/firmware/release")).toBe(
      "/v1/products/:product/firmware/:version"
    )
    expect(Simulator.matchRoute("GET", "/v1/devices/events/temp%2Fin")).toBe("/v1/devices/events/:prefix*")
    expect(Simulator.matchRoute("HEAD", "/v1/devices")).toBe("/v1/devices")
    expect(Simulator.matchRoute("PATCH", "/v1/devices")).toBeUndefined()
    expect(Simulator.matchRoute("GET", "/v1/nope")).toBeUndefined()
    expect(Simulator.matchRoute("GET", "/__sim/seed")).toBeUndefined()
    expect(Simulator.matchRoute("GET", "/v1/devices/%E0%A4%A")).toBeUndefined()
    // every listed route matches its own pattern with sample values
    for (const r of Simulator.routes) {
      const path = r.path.replace(/:[A-Za-z]+\*?/g, "sample-value")
      expect(Simulator.matchRoute(r.method, path), `${r.method} ${r.path}`).toBe(r.path)
    }
  })
})
