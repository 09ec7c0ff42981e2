import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const admin = (method: string, path: string, json?: unknown) =>
  call(sim, method, `/__sim${path}`, { token: null, ...(json !== undefined ? { json } : {}) })

/** The API still answers normally (a bad admin input changed nothing). */
const stillServes = async () => {
  expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  expect((await call(sim, "GET", `/v1/devices/${sim.seed.devices.online.id}/temperature`)).json.result).toBe(23.5)
}

describe("admin input is validated (400 naming the field)", () => {
  it("malformed faults are refused and requests keep working", async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: "latency", route: 123, ms: 10 }, "route"],
      [{ kind: "latency", ms: "10" }, "ms"],
      [{ kind: "status", route: "/v1", status: 42 }, "status"],
      [{ kind: "status", status: 500 }, "route"],
      [{ kind: "status", route: "/v1", status: 500, headers: { "x-bad": "a\r\nb" } }, "headers.x-bad"],
      [{ kind: "status", route: "/v1", status: 500, headers: { "bad name": "v" } }, "headers.bad name"],
      [{ kind: "status", route: "/v1", status: 500, probability: "half" }, "probability"],
      [{ kind: "rateLimit" }, "times"],
      [{ kind: "rateLimit", times: 1, method: 7 }, "method"],
      [{ kind: "malformedJson" }, "route"],
      [{ kind: "sseDrop", afterEvents: -1 }, "afterEvents"],
      [{ kind: "ssePreload", events: [{ name: 1, data: "x" }] }, "events.0.name"],
      [{ kind: "ssePreload", events: "x" }, "events"],
      [{ kind: "latency", ms: 5, tyop: true }, "tyop"],
      [{ kind: "nope" }, "kind"],
      [[1, 2], "kind"]
    ]
    for (const [fault, field] of cases) {
      const r = await admin("POST", "/faults", fault)
      expect([JSON.stringify(fault), r.status, r.json.error, r.json.field]).toEqual([
        JSON.stringify(fault),
        400,
        "bad_request",
        field
      ])
      expect(r.json.error_description).toContain(field)
    }
    await stillServes()
    // a good fault still works
    expect((await admin("POST", "/faults", { kind: "status", route: "/v1/user", status: 503, times: 1 })).json).toEqual(
      { ok: true }
    )
    expect((await call(sim, "GET", "/v1/user")).status).toBe(503)
  })

  it("setFault on the handle throws a clear Error for the same inputs", async () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ kind: "latency", route: 123, ms: 10 }, /route/],
      [{ kind: "status", route: "/v1", status: 42 }, /status/],
      [{ kind: "status", route: "/v1", status: 500, body: { n: 1n } }, /body/],
      [{ kind: "nope" }, /kind/]
    ]
    for (const [fault, message] of bad) {
      expect(() => sim.setFault(fault as never)).toThrow(message)
      expect(() => sim.setFault(fault as never)).toThrow(/^Invalid fault/)
    }
    await stillServes()
  })

  it("users, tokens, devices, variables, functions, online, unresponsive, events", async () => {
    const dev = sim.seed.devices.online.id
    const cases: Array<[string, string, unknown, string]> = [
      ["POST", "/users", { username: "a@b.c", password: 5 }, "password"],
      ["POST", "/users", { username: "a@b.c", password: "p", mfa: "maybe" }, "mfa"],
      ["POST", "/tokens", { username: "demo@particle.sim", expiresInSeconds: "soon" }, "expiresInSeconds"],
      ["POST", "/tokens", { username: "demo@particle.sim", scopes: "devices:list" }, "scopes"],
      ["POST", "/devices", { name: 5 }, "name"],
      ["POST", "/devices", { name: "d", platformId: "six" }, "platformId"],
      ["POST", "/devices", { name: "d", id: "not-hex" }, "id"],
      ["POST", "/devices", { name: "d", variables: { v: { nested: true } } }, "variables.v"],
      ["POST", "/devices", { name: "d", functions: { f: "one" } }, "functions.f"],
      ["POST", "/devices", { name: "d", groups: [1] }, "groups.0"],
      ["PUT", `/devices/${dev}/variables/v`, { value: [1] }, "value"],
      ["PUT", `/devices/${dev}/functions/f`, { returnValue: "1" }, "returnValue"],
      ["PUT", `/devices/${dev}/online`, { online: "yes" }, "online"],
      ["PUT", `/devices/${dev}/unresponsive`, {}, "unresponsive"],
      ["POST", `/devices/${dev}/events`, { name: "x", data: 5 }, "data"],
      ["POST", `/devices/${dev}/events`, { name: "" }, "name"]
    ]
    for (const [method, path, body, field] of cases) {
      const r = await admin(method, path, body)
      expect([path, JSON.stringify(body), r.status, r.json.field]).toEqual([path, JSON.stringify(body), 400, field])
    }
    // unknown devices are still 404, good input still 2xx
    expect((await admin("PUT", "/devices/0123456789abcdef01234567/online", { online: true })).status).toBe(404)
    expect((await admin("POST", "/devices", { name: "ok", variables: { v: 1 }, functions: { f: 2 } })).status).toBe(201)
    await stillServes()
  })
})
