import * as net from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start({ maxBodyBytes: 1024 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

/**
 * Writes raw bytes and returns what came back: once a whole response arrived (head plus its
 * Content-Length), when the server closes, or after `waitMs` at the latest (a cap for requests that get no
 * answer, not a speed bound).
 */
const raw = (data: Buffer | string, waitMs = 20_000): Promise<string> =>
  new Promise((resolve) => {
    const s = net.connect(sim.port, "127.0.0.1")
    let out = ""
    const complete = () => {
      const head = out.indexOf("\r\n\r\n")
      if (head === -1) return false
      const length = /\r\ncontent-length: *(\d+)/i.exec(out.slice(0, head))
      return length !== null && Buffer.byteLength(out.slice(head + 4), "latin1") >= Number(length[1])
    }
    s.on("data", (c) => {
      out += c.toString("latin1")
      if (complete()) s.destroy()
    })
    s.on("error", () => undefined)
    s.on("close", () => resolve(out))
    s.write(data)
    setTimeout(() => s.destroy(), waitMs)
  })

// deterministic PRNG so a failure is reproducible
const rng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) >>> 0
  return seed / 2 ** 32
}

describe("bad input", () => {
  it("malformed JSON and form bodies → 400 JSON", async () => {
    const r = await call(sim, "POST", `/v1/devices/${sim.seed.devices.online.id}/led`, {
      body: "{bad",
      headers: { "content-type": "application/json" }
    })
    expect(r.status).toBe(400)
    expect(r.json.error).toBe("invalid_request")
    expect(r.json.error_description).toMatch(/^Malformed JSON body/)
    const f = await call(sim, "POST", `/v1/devices/${sim.seed.devices.online.id}/led`, {
      body: "arg=%zz",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect([f.status, f.json.error]).toEqual([400, "invalid_request"])
    const mp = await call(sim, "POST", "/v1/binaries", {
      body: "garbage",
      headers: { "content-type": "multipart/form-data; boundary=abc" }
    })
    expect(mp.status).toBe(400)
  })
  it("wrong content types → 400", async () => {
    const r = await call(sim, "POST", "/v1/devices/events", {
      body: "<xml/>",
      headers: { "content-type": "application/xml" }
    })
    expect(r.status).toBe(400)
    expect(r.json.error_description).toMatch(/Unsupported Content-Type/)
  })
  it("unknown routes and methods → 404 JSON", async () => {
    for (
      const [m, p] of [["GET", "/nope"], ["GET", "/v1/nope/a/b/c/d/e"], ["PATCH", "/v1/devices"], ["GET", "/"]] as const
    ) {
      const r = await call(sim, m, p)
      expect([r.status, r.json]).toEqual([404, { ok: false, error: "Not Found" }])
    }
  })
  it("oversize bodies → 413 JSON (declared and chunked)", async () => {
    const r = await call(sim, "POST", "/v1/devices/events", {
      body: "x".repeat(2048),
      headers: { "content-type": "text/plain" }
    })
    expect(r.status).toBe(413)
    expect(r.json.ok).toBe(false)
    const chunked = await raw(
      `POST /v1/devices/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n800\r\n${
        "y".repeat(2048)
      }\r\n0\r\n\r\n`
    )
    expect(chunked).toMatch(/^HTTP\/1\.1 413/)
  })
  it("invalid percent-encoding in the path → 400 JSON", async () => {
    const r = await call(sim, "GET", "/v1/devices/%E0%A4%A")
    expect(r.status).toBe(400)
    expect(r.json.ok).toBe(false)
  })
  it("invalid ids get the real API's statuses", async () => {
    expect((await call(sim, "GET", "/v1/devices/!!!")).status).toBe(403)
    expect((await call(sim, "GET", "/v1/products/999999/devices")).status).toBe(404)
    expect((await call(sim, "GET", "/v1/sims/123")).status).toBe(404)
    expect((await call(sim, "GET", "/v1/binaries/zzz")).status).toBe(404)
  })
  it("garbage HTTP gets a 400 and the connection closes", async () => {
    expect(await raw("HELLO\r\n\r\n")).toMatch(/^HTTP\/1\.1 400/)
  })
})

describe("fuzz", () => {
  it("random bytes, paths, methods and bodies never crash or hang the server", async () => {
    const rand = rng(42)
    const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "FOO"]
    const segs = [
      "v1",
      "devices",
      "products",
      "events",
      "oauth",
      "token",
      "sims",
      "4242",
      "sim-fleet",
      sim.seed.devices.online.id,
      "%00",
      "..",
      "%ff",
      "a".repeat(300),
      "libraries",
      "__sim",
      "diagnostics",
      "firmware",
      "groups"
    ]
    const types = [
      "application/json",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zz",
      "text/plain",
      undefined
    ]
    const jobs: Array<Promise<unknown>> = []
    for (let i = 0; i < 60; i++) {
      const bytes = Buffer.alloc(1 + Math.floor(rand() * 400))
      for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256)
      jobs.push(raw(bytes, 50))
    }
    for (let i = 0; i < 200; i++) {
      const n = 1 + Math.floor(rand() * 5)
      const path = "/" + Array.from({ length: n }, () => segs[Math.floor(rand() * segs.length)]).join("/")
      const method = methods[Math.floor(rand() * methods.length)]!
      const ct = types[Math.floor(rand() * types.length)]
      const body = Buffer.alloc(Math.floor(rand() * 64))
      for (let j = 0; j < body.length; j++) body[j] = Math.floor(rand() * 256)
      const headers: Record<string, string> = {}
      if (ct) headers["content-type"] = ct
      if (rand() < 0.7) headers["authorization"] = `Bearer ${sim.accessToken}`
      const hasBody = method !== "GET" && method !== "HEAD"
      jobs.push(
        fetch(sim.url + path.replace("/__sim", "/__sim_x"), {
          method,
          headers,
          ...(hasBody ? { body } : {}),
          signal: AbortSignal.timeout(60_000)
        })
          .then(async (r) => {
            const t = await r.text()
            expect(r.status).toBeLessThan(600)
            if (
              method !== "HEAD" && r.status !== 204 && (r.headers.get("content-type") ?? "").includes("json") &&
              r.status >= 400
            ) expect(() => JSON.parse(t)).not.toThrow()
          })
          .catch((e: Error) => {
            // the only acceptable client-side failure is fetch refusing an unknown method, not a server hang
            if (e.name === "TimeoutError") throw e
          })
      )
    }
    // also: half-sent requests must not block others
    const half = net.connect(sim.port, "127.0.0.1")
    half.write("POST /v1/devices/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc")
    await Promise.all(jobs)
    const ok = await call(sim, "GET", `/v1/devices/${sim.seed.devices.online.id}/temperature`)
    expect(ok.json.result).toBe(23.5)
    const fn = await call(sim, "POST", `/v1/devices/${sim.seed.devices.online.id}/echoLength`, {
      json: { arg: "four" }
    })
    expect(fn.json.return_value).toBe(4)
    half.destroy()
  }, 30_000)
})
