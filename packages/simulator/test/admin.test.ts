import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Simulator } from "../src/index.js"
import { call, openStream, type Sim, until } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const admin = (method: string, path: string, json?: unknown) =>
  call(sim, method, `/__sim${path}`, { token: null, ...(json !== undefined ? { json } : {}) })

describe("admin API /__sim/", () => {
  it("seed, users, tokens, devices, variables, functions, online, events, faults, requests, reset", async () => {
    const seed = await admin("GET", "/seed")
    expect(seed.json.user.accessToken).toBe(sim.accessToken)
    expect((await admin("POST", "/users", { username: "ci@x.io", password: "pw" })).status).toBe(201)
    const tok = await admin("POST", "/tokens", { username: "ci@x.io" })
    expect(tok.json.accessToken).toMatch(/^[0-9a-f]{40}$/)
    const dev = await admin("POST", "/devices", {
      owner: "ci@x.io",
      name: "ci-dev",
      variables: { v: 1 },
      functions: { f: 9 }
    })
    expect(dev.status).toBe(201)
    const id = dev.json.id as string
    const t = tok.json.accessToken as string
    expect((await admin("PUT", `/devices/${id}/variables/v`, { value: "two" })).json).toEqual({ ok: true })
    expect((await call(sim, "GET", `/v1/devices/${id}/v`, { token: t })).json.result).toBe("two")
    await admin("PUT", `/devices/${id}/functions/f`, { returnValue: 3 })
    expect((await call(sim, "POST", `/v1/devices/${id}/f`, { token: t, json: {} })).json.return_value).toBe(3)
    const s = await openStream(sim, "/v1/devices/events", t)
    await admin("PUT", `/devices/${id}/online`, { online: false })
    await admin("POST", `/devices/${id}/events`, { name: "ci", data: "x" })
    await s.waitFor((x) => x.includes("event: ci\n"))
    expect(s.text()).toContain("event: spark/status\ndata: {\"data\":\"offline\"")
    expect((await admin("GET", "/sse")).json.connections).toBe(1)
    s.close()
    expect((await admin("PUT", "/devices/0123456789abcdef01234567/online", { online: true })).status).toBe(404)
    expect((await admin("PUT", `/devices/${id}/unresponsive`, { unresponsive: true })).json).toEqual({ ok: true })
    await admin("POST", "/faults", { kind: "status", route: "/v1/user", status: 500 })
    expect((await call(sim, "GET", "/v1/user")).status).toBe(500)
    await admin("DELETE", "/faults")
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
    expect((await admin("POST", "/faults", { kind: "nope" })).status).toBe(400)
    const reqs = await admin("GET", "/requests")
    expect(reqs.json.every((r: any) => !r.path.startsWith("/__sim"))).toBe(true)
    expect(reqs.json.find((r: any) => r.method === "POST" && r.path === `/v1/devices/${id}/f`).json).toEqual({})
    await admin("POST", "/reset")
    expect((await admin("GET", "/requests")).json).toEqual([])
    expect((await call(sim, "GET", `/v1/devices/${id}`)).status).toBe(403)
  })
  it("records method, path, query, headers and bodies of every request", async () => {
    await call(sim, "POST", `/v1/devices/${sim.seed.devices.online.id}/led?x=1&y[]=a&y[]=b`, {
      form: { arg: "on" },
      headers: { "x-particle-tool": "t" }
    })
    const [r] = sim.requests()
    expect(r).toMatchObject({
      method: "POST",
      path: `/v1/devices/${sim.seed.devices.online.id}/led`,
      rawQuery: "x=1&y[]=a&y[]=b",
      query: { x: "1", y: ["a", "b"] },
      form: { arg: "on" },
      contentType: "application/x-www-form-urlencoded"
    })
    expect(r!.headers["x-particle-tool"]).toBe("t")
    expect(Buffer.from(r!.body).toString()).toBe("arg=on")
    sim.clearRequests()
    expect(sim.requests()).toEqual([])
  })
  it("product listing pages a large fleet", async () => {
    for (let i = 0; i < 20_000; i++) sim.createDevice({ name: `bulk-${i}`, productId: sim.seed.product.id })
    const r = await call(sim, "GET", `/v1/products/${sim.seed.product.id}/devices?page=400&per_page=50`)
    expect(r.json.meta).toEqual({ page: 400, per_page: 50, total_pages: 401, total: 20_005 })
    expect(r.json.devices).toHaveLength(50)
    const last = await call(sim, "GET", `/v1/products/${sim.seed.product.id}/devices?page=401&perPage=50`)
    expect(last.json.devices).toHaveLength(5)
  })
})

describe("Layer", () => {
  let seenUrl = ""
  it.scoped("starts on a random port, answers, and the handle controls it", () =>
    Effect.gen(function*() {
      const s = yield* Simulator.Simulator
      seenUrl = s.url
      expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const r = yield* Effect.promise(() =>
        fetch(`${s.url}/v1/user`, { headers: { authorization: `Bearer ${s.accessToken}` } }).then((x) => x.json())
      )
      expect((r as any).username).toBe("demo@particle.sim")
    }).pipe(Effect.provide(Simulator.layer())))
  it.effect("closes every socket, SSE included, when the scope closes", () =>
    Effect.gen(function*() {
      let ended = false
      let url = ""
      yield* Effect.scoped(
        Effect.gen(function*() {
          const s = yield* Simulator.Simulator
          url = s.url
          const stream = yield* Effect.promise(() =>
            openStream({ url: s.url, accessToken: s.accessToken } as Sim, "/v1/devices/events")
          )
          stream.ended.then(() => {
            ended = true
          })
          yield* Effect.promise(() => until(() => s.sseConnections() === 1))
        }).pipe(Effect.provide(Simulator.layer({ keepAliveIntervalMs: 10_000 })))
      )
      yield* Effect.promise(() => until(() => ended))
      const failed = yield* Effect.promise(() => fetch(`${url}/v1/user`).then(() => false, () => true))
      expect(failed).toBe(true)
      expect(seenUrl).not.toBe("")
    }))
})

describe("bin.js", () => {
  it("--json prints exactly one JSON line with url and accessToken, and the server answers", async () => {
    const bin = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
    const child = spawn(process.execPath, [bin, "--json"], { stdio: ["ignore", "pipe", "pipe"] })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let buf = ""
        child.stdout.on("data", (c) => {
          buf += c
          const i = buf.indexOf("\n")
          if (i !== -1) resolve(buf.slice(0, i))
        })
        child.on("exit", (code) => reject(new Error(`exited ${code}`)))
      })
      const parsed = JSON.parse(line)
      expect(Object.keys(parsed)).toEqual(["url", "accessToken"])
      expect(parsed.accessToken).toMatch(/^[0-9a-f]{40}$/)
      const r = await fetch(`${parsed.url}/v1/devices`, { headers: { authorization: `Bearer ${parsed.accessToken}` } })
      expect(r.status).toBe(200)
    } finally {
      child.kill("SIGTERM")
    }
    const code = await new Promise((r) => child.on("exit", r))
    expect(code).toBe(0)
  })
})
