/**
 * Webhook delivery, end to end: a receiver on 127.0.0.1 gets the request an integration describes (templates
 * rendered, Particle's default fields, headers, auth), and the event stream shows `hook-sent`, the chunked
 * `hook-response` and `hook-error`. A URL off loopback is never contacted (every socket the process opens
 * is watched). Also: no loops, bounded concurrency, timeouts, the test endpoint and the logs.
 */
import * as dns from "node:dns"
import * as http from "node:http"
import { createRequire, syncBuiltinESMExports } from "node:module"
import * as net from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { render, TemplateError } from "../src/internal/mustache.js"
import { buildRequest, chunkUtf8, isLoopbackUrl, MAX_CONCURRENT, MAX_QUEUED, send } from "../src/internal/webhooks.js"
import { call, openStream, type RawStream, type Sim, until } from "./helpers.js"

// ------------------------------------------------------------------------------------------- a receiver

interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

interface Receiver {
  url: string
  port: number
  received: Array<Received>
  /** How the next requests are answered (default 200 "ok"). */
  answer: (r: Received, res: http.ServerResponse) => void
  close(): Promise<void>
}

const startReceiver = (): Promise<Receiver> =>
  new Promise((resolve) => {
    const received: Array<Received> = []
    const receiver: Receiver = {
      url: "",
      port: 0,
      received,
      answer: (_r, res) => res.end("ok"),
      close: () =>
        new Promise<void>((r) => {
          server.closeAllConnections()
          server.close(() => r())
        })
    }
    const server = http.createServer((req, res) => {
      const chunks: Array<Buffer> = []
      req.on("data", (c: Buffer) => chunks.push(c))
      req.on("end", () => {
        const r: Received = {
          method: req.method ?? "",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8")
        }
        received.push(r)
        receiver.answer(r, res)
      })
    })
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port
      receiver.port = port
      receiver.url = `http://127.0.0.1:${port}`
      resolve(receiver)
    })
  })

// ------------------------------------------------------------------ every connection the process opens

const connections: Array<string> = []
const lookups: Array<string> = []
const originalConnect = net.Socket.prototype.connect
const dnsCjs = createRequire(import.meta.url)("node:dns") as typeof dns
const originalLookup = dnsCjs.lookup

const watchNetwork = () => {
  net.Socket.prototype.connect = function(this: net.Socket, ...args: Array<any>) {
    // Node calls it with normalized arguments ([options, callback]) or (options) or (port, host)
    const o = Array.isArray(args[0]) ? args[0][0] : args[0]
    const host = typeof o === "object" && o !== null
      ? (o.host ?? (o.path !== undefined ? "ipc" : "localhost"))
      : typeof args[1] === "string"
      ? args[1]
      : "localhost"
    connections.push(String(host))
    return (originalConnect as any).apply(this, args)
  } as any
  dnsCjs.lookup = ((hostname: string, ...rest: Array<any>) => {
    lookups.push(hostname)
    return (originalLookup as any)(hostname, ...rest)
  }) as any
  syncBuiltinESMExports()
}
const unwatchNetwork = () => {
  net.Socket.prototype.connect = originalConnect
  dnsCjs.lookup = originalLookup
  syncBuiltinESMExports()
}

// ---------------------------------------------------------------------------------------- event stream

interface Ev {
  name: string
  data: string | null
  coreid: string
}

const eventsOf = (stream: RawStream): Array<Ev> =>
  [...stream.text().matchAll(/event: ([^\n]*)\ndata: ([^\n]*)\n\n/g)].map((m) => {
    const d = JSON.parse(m[2]!)
    return { name: m[1]!, data: d.data, coreid: d.coreid }
  })

const waitEvents = async (stream: RawStream, pred: (events: Array<Ev>) => boolean, timeoutMs = 10_000) => {
  await stream.waitFor(() => pred(eventsOf(stream)), timeoutMs)
  return eventsOf(stream)
}

// --------------------------------------------------------------------------------------------- setup

let sim: Sim
let receiver: Receiver
let stream: RawStream
beforeAll(async () => {
  sim = await Simulator.start()
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
  await sim.close()
})
beforeEach(async () => {
  sim.reset()
  receiver.received.length = 0
  receiver.answer = (_r, res) => res.end("ok")
  stream = await openStream(sim, "/v1/devices/events")
  await stream.waitFor((t) => t.startsWith(":ok"))
})

const DEVICE = () => sim.seed.devices.online.id
const hook = async (settings: Record<string, unknown>, base = "/v1") => {
  const r = await call(sim, "POST", `${base}/integrations`, { json: { integration_type: "Webhook", ...settings } })
  expect(r.status).toBe(201)
  return r.json.id as string
}

describe("webhook delivery to a loopback receiver", () => {
  it("renders the templates, sends the request, publishes hook-sent and the response in 512-byte chunks", async () => {
    await hook({
      event: "weather/",
      url: `${receiver.url}/hook/{{{PARTICLE_DEVICE_ID}}}`,
      requestType: "POST",
      query: { source: "{{PARTICLE_EVENT_NAME}}", fixed: "a b" },
      headers: { "X-Device": "{{{PARTICLE_DEVICE_ID}}}", "X-Room": "{{room}}" },
      json: {
        name: "{{{PARTICLE_EVENT_NAME}}}",
        value: "{{{PARTICLE_EVENT_VALUE}}}",
        at: "{{{PARTICLE_PUBLISHED_AT}}}",
        room: "{{{room}}}",
        temp: "{{temp}}",
        first: "{{{readings.0}}}",
        product: "{{{PRODUCT_ID}}}",
        legacy: "{{{SPARK_EVENT_NAME}}}",
        escaped: "{{quote}}"
      }
    })
    const body = "0123456789".repeat(120) // 1200 bytes
    receiver.answer = (_r, res) => res.end(body)
    const data = JSON.stringify({ room: "kitchen", temp: 21.5, readings: [7, 8], quote: "<a & 'b'>" })
    sim.publish({ deviceId: DEVICE(), name: "weather/now", data })
    const events = await waitEvents(stream, (e) => e.filter((x) => x.name.startsWith("hook-response/")).length === 3)

    expect(receiver.received).toHaveLength(1)
    const r = receiver.received[0]!
    expect(r.method).toBe("POST")
    expect(r.url).toBe(`/hook/${DEVICE()}?source=weather%2Fnow&fixed=a+b`)
    expect(r.headers["user-agent"]).toBe("ParticleBot/1.1 (https://docs.particle.io/webhooks)")
    expect(r.headers["content-type"]).toBe("application/json")
    expect(r.headers["accept"]).toBe("application/json")
    expect(r.headers["x-device"]).toBe(DEVICE())
    expect(r.headers["x-room"]).toBe("kitchen")
    const published = events.find((e) => e.name === "weather/now")!
    const sent = JSON.parse(r.body)
    expect(sent).toEqual({
      name: "weather/now",
      value: data,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      room: "kitchen",
      temp: "21.5",
      first: "7",
      product: "6", // a developer device's product id is its platform id
      legacy: "weather/now",
      escaped: "&lt;a &amp; &#39;b&#39;&gt;",
      // Particle's default fields, merged into a json body
      event: "weather/now",
      data,
      published_at: sent.at,
      coreid: DEVICE()
    })
    expect(published.coreid).toBe(DEVICE())

    const hooks = events.filter((e) => e.name.startsWith("hook-"))
    expect(hooks.map((e) => e.name)).toEqual([
      "hook-sent/weather/now",
      "hook-response/weather/now/0",
      "hook-response/weather/now/1",
      "hook-response/weather/now/2"
    ])
    expect(hooks[0]!.data).toBe("undefined")
    expect(hooks.every((e) => e.coreid === "particle-internal")).toBe(true)
    expect(hooks.slice(1).map((e) => e.data!.length)).toEqual([512, 512, 176])
    expect(hooks.slice(1).map((e) => e.data).join("")).toBe(body)
    stream.close()
  })

  it("only an event and a URL: the default form body (event, data, published_at, coreid)", async () => {
    await hook({ event: "ping", url: `${receiver.url}/plain` })
    sim.publish({ deviceId: DEVICE(), name: "ping", data: "hello world" })
    await until(() => receiver.received.length === 1, 5000)
    const r = receiver.received[0]!
    expect(r.method).toBe("POST")
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded")
    const form = new URLSearchParams(r.body)
    expect([...form.keys()]).toEqual(["event", "data", "published_at", "coreid"])
    expect(form.get("event")).toBe("ping")
    expect(form.get("data")).toBe("hello world")
    expect(form.get("coreid")).toBe(DEVICE())
    const events = await waitEvents(stream, (e) => e.some((x) => x.name === "hook-response/ping/0"))
    expect(events.find((e) => e.name === "hook-response/ping/0")!.data).toBe("ok")
    stream.close()
  })

  it("GET puts the defaults in the query; noDefaults leaves them out; form adds them; body is sent as rendered", async () => {
    await hook({
      event: "get",
      url: `${receiver.url}/g?k=1`,
      requestType: "GET",
      query: { q: "{{{PARTICLE_EVENT_VALUE}}}" }
    })
    await hook({
      event: "bare",
      url: `${receiver.url}/b`,
      requestType: "PUT",
      noDefaults: true,
      form: { only: "{{{PARTICLE_EVENT_VALUE}}}" }
    })
    await hook({ event: "formed", url: `${receiver.url}/f`, form: { From: "me", Body: "{{{PARTICLE_EVENT_VALUE}}}" } })
    await hook({
      event: "custom",
      url: `${receiver.url}/c`,
      requestType: "POST",
      headers: { "Content-Type": "text/plain" },
      auth: { username: "user", password: "{{{PARTICLE_EVENT_VALUE}}}" },
      body: "value={{{PARTICLE_EVENT_VALUE}}};{{#missing}}never{{/missing}}{{^missing}}fallback{{/missing}}"
    })
    sim.publish({ deviceId: DEVICE(), name: "get", data: "v1" })
    sim.publish({ deviceId: DEVICE(), name: "bare", data: "v2" })
    sim.publish({ deviceId: DEVICE(), name: "formed", data: "v3" })
    sim.publish({ deviceId: DEVICE(), name: "custom", data: "s3cret" })
    await until(() => receiver.received.length === 4, 5000)
    const by = (path: string) => receiver.received.find((r) => r.url.startsWith(path))!
    const get = new URL(by("/g").url, "http://x")
    expect(by("/g").method).toBe("GET")
    expect([...get.searchParams.keys()]).toEqual(["k", "q", "event", "data", "published_at", "coreid"])
    expect(get.searchParams.get("q")).toBe("v1")
    expect(by("/g").body).toBe("")
    expect(by("/b").method).toBe("PUT")
    expect(by("/b").body).toBe("only=v2")
    expect(new URLSearchParams(by("/f").body).toString()).toMatch(
      /^From=me&Body=v3&event=formed&data=v3&published_at=[^&]+&coreid=/
    )
    const custom = by("/c")
    expect(custom.body).toBe("value=s3cret;fallback")
    expect(custom.headers["content-type"]).toBe("text/plain")
    expect(custom.headers["authorization"]).toBe("Basic " + Buffer.from("user:s3cret").toString("base64"))
    stream.close()
  })

  it("a non-2xx answer is hook-error/<event>/0 \"error status <code> from <host>\"; a refused connection too", async () => {
    const id = await hook({ event: "bad", url: `${receiver.url}/missing` })
    receiver.answer = (_r, res) => {
      res.statusCode = 404
      res.end("nope")
    }
    sim.publish({ deviceId: DEVICE(), name: "bad", data: "x" })
    let events = await waitEvents(stream, (e) => e.some((x) => x.name === "hook-error/bad/0"))
    expect(events.find((e) => e.name === "hook-error/bad/0")).toEqual({
      name: "hook-error/bad/0",
      data: `error status 404 from 127.0.0.1:${receiver.port}`,
      coreid: "particle-internal"
    })
    expect(events.some((e) => e.name.startsWith("hook-response/"))).toBe(false)
    // a port nobody listens on
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as net.AddressInfo).port
        s.close(() => resolve(port))
      })
    })
    await call(sim, "PUT", `/v1/integrations/${id}`, {
      json: {
        integration_type: "Webhook",
        event: "bad",
        url: `http://127.0.0.1:${closed}/`,
        errorResponseTopic: "failed/{{{PARTICLE_DEVICE_ID}}}"
      }
    })
    sim.publish({ deviceId: DEVICE(), name: "bad", data: "y" })
    events = await waitEvents(stream, (e) => e.some((x) => x.name === `failed/${DEVICE()}/0`))
    expect(events.find((e) => e.name === `failed/${DEVICE()}/0`)!.data).toMatch(
      new RegExp(`^error from 127\\.0\\.0\\.1:${closed}: .*ECONNREFUSED`)
    )
    stream.close()
  })

  it("responseTopic and responseTemplate shape the response events; a product webhook prefixes the device id", async () => {
    await hook({
      event: "geo",
      url: `${receiver.url}/geo`,
      responseTopic: "{{{PARTICLE_DEVICE_ID}}}/elevation",
      responseTemplate: "{{{results.0.elevation}}} m ({{status}})"
    })
    receiver.answer = (_r, res) => {
      res.setHeader("content-type", "application/json")
      res.end(JSON.stringify({ results: [{ elevation: 1608.6 }], status: "OK" }))
    }
    sim.publish({ deviceId: DEVICE(), name: "geo", data: "39.7,-104.9" })
    const events = await waitEvents(stream, (e) => e.some((x) => x.name === `${DEVICE()}/elevation/0`))
    expect(events.find((e) => e.name === `${DEVICE()}/elevation/0`)!.data).toBe("1608.6 m (OK)")
    stream.close()

    const product = sim.seed.product
    const fleetDevice = product.deviceIds[0]!
    await hook({ event: "fleet", url: `${receiver.url}/fleet` }, `/v1/products/${product.id}`)
    receiver.answer = (_r, res) => res.end("fleet ok")
    const productStream = await openStream(sim, `/v1/products/${product.id}/events`)
    await productStream.waitFor((t) => t.startsWith(":ok"))
    sim.publish({ deviceId: fleetDevice, name: "fleet/status", data: "up" })
    const fleet = await waitEvents(
      productStream,
      (e) => e.some((x) => x.name === `${fleetDevice}/hook-response/fleet/status/0`)
    )
    expect(fleet.find((e) => e.name === `${fleetDevice}/hook-response/fleet/status/0`)!.data).toBe("fleet ok")
    expect(fleet.map((e) => e.name)).toContain("hook-sent/fleet/status")
    expect(new URLSearchParams(receiver.received.find((r) => r.url === "/fleet")!.body).get("coreid")).toBe(fleetDevice)
    productStream.close()
  })

  it("API-published events trigger the publisher's webhooks; disabled ones and other devices' filters do not", async () => {
    const filtered = await hook({
      event: "api",
      url: `${receiver.url}/filtered`,
      deviceID: sim.seed.devices.cellular.id
    })
    await hook({ event: "api", url: `${receiver.url}/off`, disabled: true })
    await hook({ event: "api", url: `${receiver.url}/on` })
    await call(sim, "POST", "/v1/devices/events", { json: { name: "api/test", data: "from the api" } })
    sim.publish({ deviceId: DEVICE(), name: "api/device", data: "d" })
    sim.publish({ deviceId: sim.seed.devices.cellular.id, name: "api/cellular", data: "c" })
    await until(() => receiver.received.length === 4, 5000)
    const paths = receiver.received.map((r) => `${r.url} ${new URLSearchParams(r.body).get("event")}`).sort()
    expect(paths).toEqual(["/filtered api/cellular", "/on api/cellular", "/on api/device", "/on api/test"])
    expect(new URLSearchParams(receiver.received.find((r) => r.body.includes("api%2Ftest"))!.body).get("coreid")).toBe(
      sim.seed.user.id
    )
    // another user's events never reach the demo user's webhooks
    sim.publish({ deviceId: sim.seed.otherUser.deviceId, name: "api/other", data: "o" })
    await call(sim, "POST", "/v1/devices/events", {
      token: sim.seed.otherUser.accessToken,
      json: { name: "api/other" }
    })
    // a delivery for a later event proves the earlier ones were not delayed but never made
    await call(sim, "DELETE", `/v1/integrations/${filtered}`)
    sim.publish({ deviceId: DEVICE(), name: "api/last", data: "l" })
    await until(() => receiver.received.length === 5, 5000)
    expect(new URLSearchParams(receiver.received[4]!.body).get("event")).toBe("api/last")
    stream.close()
  })
})

describe("event ids and response templates", () => {
  it("PARTICLE_EVENT_ID is one per event, shared by the webhooks it triggers; a broken response template is a hook-error", async () => {
    await hook({ event: "ids", url: `${receiver.url}/a`, noDefaults: true, body: "{{{PARTICLE_EVENT_ID}}}" })
    await hook({
      event: "ids",
      url: `${receiver.url}/b`,
      noDefaults: true,
      body: "{{{PARTICLE_EVENT_ID}}}",
      responseTemplate: "{{#open}}never closed"
    })
    sim.publish({ deviceId: DEVICE(), name: "ids", data: "1" })
    await until(() => receiver.received.length === 2, 5000)
    sim.publish({ deviceId: DEVICE(), name: "ids", data: "2" })
    await until(() => receiver.received.length === 4, 5000)
    const [first, second] = [receiver.received.slice(0, 2), receiver.received.slice(2)].map((rs) =>
      rs.map((r) => r.body)
    )
    expect(first![0]).toMatch(/^[0-9a-f]{24}$/)
    expect(first![0]).toBe(first![1])
    expect(second![0]).toBe(second![1])
    expect(second![0]).not.toBe(first![0])
    const events = await waitEvents(stream, (e) => e.filter((x) => x.name === "hook-error/ids/0").length === 2)
    expect(events.find((e) => e.name === "hook-error/ids/0")!.data).toBe(
      "the response template could not be rendered: unclosed section {{#open}}"
    )
    stream.close()
  })
})

describe("URLs off loopback", () => {
  it("are never contacted: recorded as a delivery, answered with a hook-error, no socket or DNS lookup to them", async () => {
    connections.length = 0
    lookups.length = 0
    watchNetwork()
    try {
      const id = await hook({ event: "far", url: "http://hooks.example.invalid/endpoint" })
      const id2 = await hook({ event: "far", url: "https://203.0.113.7:8443/x" })
      await hook({ event: "far", url: `${receiver.url}/near` }) // the same event, on loopback: contacted
      sim.publish({ deviceId: DEVICE(), name: "far/away", data: "1" })
      const events = await waitEvents(
        stream,
        (e) =>
          e.filter((x) => x.name === "hook-error/far/away/0").length === 2 &&
          e.some((x) => x.name === "hook-response/far/away/0")
      )
      const errors = events.filter((e) => e.name === "hook-error/far/away/0").map((e) => e.data).sort()
      expect(errors).toEqual([
        "webhook delivery is off outside loopback: the Particle simulator only contacts 127.0.0.0/8, ::1 and localhost (not contacted: 203.0.113.7:8443)",
        "webhook delivery is off outside loopback: the Particle simulator only contacts 127.0.0.0/8, ::1 and localhost (not contacted: hooks.example.invalid)"
      ])
      expect(events.filter((e) => e.name.startsWith("hook-sent/"))).toHaveLength(1) // the loopback one
      const got = await call(sim, "GET", `/v1/integrations/${id}`)
      expect(got.json.integration.logs).toHaveLength(1)
      expect(got.json.integration.logs[0]).toMatchObject({
        contacted: false,
        response: null,
        event: { name: "far/away", data: "1", coreid: DEVICE() },
        request: { method: "POST", url: "http://hooks.example.invalid/endpoint" }
      })
      const test = await call(sim, "POST", `/v1/integrations/${id2}/test`)
      expect(test.json).toEqual({
        pass: false,
        error:
          "webhook delivery is off outside loopback: the Particle simulator only contacts 127.0.0.0/8, ::1 and localhost (not contacted: 203.0.113.7:8443)"
      })
    } finally {
      unwatchNetwork()
    }
    // the watch works: the simulator's connection to the loopback receiver was seen
    expect(connections).toContain("127.0.0.1")
    expect(connections.filter((h) => h !== "127.0.0.1" && h !== "localhost" && h !== "::1")).toEqual([])
    expect(lookups.filter((h) => h.includes("example.invalid") || h.includes("203.0.113.7"))).toEqual([])
    expect(receiver.received.map((r) => r.url)).toEqual(["/near"])
    stream.close()
  })

  it("which hosts count as loopback", () => {
    for (
      const u of [
        "http://127.0.0.1/",
        "http://127.1.2.3:9/",
        "http://[::1]:80/",
        "http://localhost:1/",
        "http://api.localhost/"
      ]
    ) expect(isLoopbackUrl(new URL(u)), u).toBe(true)
    for (
      const u of [
        "http://10.0.0.1/",
        "http://128.0.0.1/",
        "http://example.com/",
        "http://127.0.0.1.example.com/",
        "http://[::2]/",
        "http://0.0.0.0/"
      ]
    ) expect(isLoopbackUrl(new URL(u)), u).toBe(false)
  })
})

describe("bounded and loop-free", () => {
  it("hook-* events and the simulator's own response events never trigger webhooks", async () => {
    await hook({ event: "hook", url: `${receiver.url}/hooks` }) // would match hook-sent/…, hook-response/…
    await hook({ event: "loop", url: `${receiver.url}/loop`, responseTopic: "loop/again" })
    sim.publish({ deviceId: DEVICE(), name: "loop", data: "1" })
    const events = await waitEvents(stream, (e) => e.some((x) => x.name === "loop/again/0"))
    expect(events.map((e) => e.name).filter((n) => n !== "loop")).toEqual(["hook-sent/loop", "loop/again/0"])
    // a later, ordinary event still gets through: the webhook on "loop" ran exactly once
    sim.publish({ deviceId: DEVICE(), name: "loop", data: "2" })
    await until(() => receiver.received.length === 2, 5000)
    expect(receiver.received.map((r) => r.url)).toEqual(["/loop", "/loop"])
    stream.close()
  })

  it(
    `at most ${MAX_CONCURRENT} deliveries at once, ${MAX_QUEUED} waiting, the rest answered with a hook-error`,
    async () => {
      const held: Array<http.ServerResponse> = []
      let open = 0
      let most = 0
      receiver.answer = (_r, res) => {
        open++
        most = Math.max(most, open)
        res.on("finish", () => open--)
        held.push(res)
      }
      await hook({ event: "burst", url: `${receiver.url}/burst` })
      const total = MAX_CONCURRENT + MAX_QUEUED + 5
      for (let i = 0; i < total; i++) sim.publish({ deviceId: DEVICE(), name: "burst", data: String(i) })
      await until(() => held.length === MAX_CONCURRENT, 5000)
      const sleeping = await waitEvents(stream, (e) => e.filter((x) => x.name === "hook-error/burst/0").length === 5)
      expect(
        sleeping.filter((x) => x.name === "hook-error/burst/0").every((x) =>
          x.data === "Sleeping, too many webhook deliveries in flight, please wait and try again"
        )
      ).toBe(true)
      receiver.answer = (_r, res) => res.end("late")
      for (const res of held.splice(0)) res.end("held")
      await until(() => receiver.received.length === MAX_CONCURRENT + MAX_QUEUED, 10_000)
      for (const res of held.splice(0)) res.end("held")
      await waitEvents(
        stream,
        (e) => e.filter((x) => x.name === "hook-response/burst/0").length === MAX_CONCURRENT + MAX_QUEUED
      )
      expect(most).toBe(MAX_CONCURRENT)
      stream.close()
    },
    30_000
  )

  it("a receiver that never answers times out; a reset drops the pending delivery's events", async () => {
    let pending: http.ServerResponse | undefined
    receiver.answer = (_r, res) => {
      pending = res // never answered, until the end of the test
    }
    const request = buildRequest({ url: `${receiver.url}/slow`, requestType: "GET", noDefaults: true }, {
      PARTICLE_EVENT_NAME: "s",
      PARTICLE_EVENT_VALUE: "",
      PARTICLE_PUBLISHED_AT: "",
      PARTICLE_DEVICE_ID: ""
    }, null)
    await expect(send(request, { timeoutMs: 50 })).rejects.toThrow("no response within 50 ms")
    await hook({ event: "slow", url: `${receiver.url}/slow` })
    sim.publish({ deviceId: DEVICE(), name: "slow", data: "1" })
    await until(() => receiver.received.some((r) => r.url === "/slow" && r.method === "POST"), 5000)
    stream.close()
    sim.reset()
    const fresh = await openStream(sim, "/v1/devices/events")
    await fresh.waitFor((t) => t.startsWith(":ok"))
    // the delivery started before the reset now gets its answer; a marker delivery made afterwards comes back
    // later (it needs a whole request and response), and by then the old answer was read and dropped
    pending!.end("too late")
    receiver.answer = (_r, res) => res.end("marker")
    await hook({ event: "marker", url: `${receiver.url}/marker` })
    sim.publish({ deviceId: DEVICE(), name: "marker", data: "1" })
    await fresh.waitFor((t) => t.includes("event: hook-response/marker/0"))
    expect(eventsOf(fresh).map((e) => e.name)).toEqual(["marker", "hook-sent/marker", "hook-response/marker/0"])
    fresh.close()
  })
})

describe("test endpoint, logs and validation", () => {
  it("POST /v1/integrations/:id/test sends a test event and reports the answer; GET shows the logs, newest first", async () => {
    const id = await hook({
      event: "tested",
      url: `${receiver.url}/t`,
      json: { v: "{{{PARTICLE_EVENT_VALUE}}}" },
      noDefaults: true
    })
    receiver.answer = (_r, res) => res.end("pong")
    const pass = await call(sim, "POST", `/v1/integrations/${id}/test`)
    expect(pass.json).toEqual({ pass: true, data: "pong" })
    expect(JSON.parse(receiver.received[0]!.body)).toEqual({ v: "test-event" })
    receiver.answer = (_r, res) => {
      res.statusCode = 500
      res.end()
    }
    const fail = await call(sim, "POST", `/v1/integrations/${id}/test`)
    expect(fail.json).toEqual({ pass: false, error: `error status 500 from 127.0.0.1:${receiver.port}` })
    const logs = (await call(sim, "GET", `/v1/integrations/${id}`)).json.integration.logs
    expect(logs.map((l: any) => l.response.status)).toEqual([500, 200])
    expect(logs[1]).toMatchObject({
      contacted: true,
      request: { method: "POST", url: `${receiver.url}/t`, body: "{\"v\":\"test-event\"}" },
      response: { body: "pong" }
    })
    // the test endpoint publishes no hook events
    expect(eventsOf(stream)).toEqual([])
    stream.close()
  })

  it("bad settings are 400 with Particle's family-B body", async () => {
    const bad = async (json: Record<string, unknown>) => {
      const r = await call(sim, "POST", "/v1/integrations", { json })
      expect(r.status).toBe(400)
      return r.json.error as string
    }
    expect(await bad({ integration_type: "Carrier pigeon", event: "e", url: "http://x" })).toMatch(
      /^Unknown integration_type Carrier pigeon/
    )
    expect(await bad({ integration_type: "Webhook", url: "http://x" })).toBe("event is required")
    expect(await bad({ integration_type: "Webhook", event: "e", url: "not a url" })).toBe(
      "url must be an http or https URL"
    )
    expect(await bad({ integration_type: "Webhook", event: "e", url: "ftp://x/y" })).toBe(
      "url must be an http or https URL"
    )
    expect(await bad({ integration_type: "Webhook", event: "e", url: "http://x", requestType: "PATCH" })).toBe(
      "requestType must be one of GET, POST, PUT, DELETE"
    )
    expect(await bad({ integration_type: "Webhook", event: "e", url: "http://x", json: {}, body: "b" })).toBe(
      "json, body are mutually exclusive: give one of json, form or body"
    )
    expect(await bad({ integration_type: "Webhook", event: "e", url: "http://x", headers: { a: { b: 1 } } })).toBe(
      "headers must be an object of strings"
    )
    expect(await bad({ integration_type: "GoogleCloudPubSub", event: "e" })).toBe("topic is required")
    expect(await bad({ integration_type: "AzureIotHub", event: "e", hub_name: "h", policy_name: "p" })).toBe(
      "policy_key is required"
    )
    expect(await bad({ integration_type: "Webhook", event: "e".repeat(65), url: "http://x" })).toBe(
      "event must be at most 64 characters"
    )
  })
})

describe("templates and chunks", () => {
  it("Mustache: escaping, triple braces, dotted names, sections, inverted sections, comments", () => {
    const view = {
      a: { aa: "testing", ab: 1234 },
      b: "xxx",
      c: [{ ca: "first" }, { ca: "second" }],
      h: "<&>\"'",
      n: null,
      z: 0
    }
    expect(render("{{a.aa}}/{{a.ab}}/{{b}}/{{c.0.ca}}/{{c.1.ca}}", view)).toBe("testing/1234/xxx/first/second")
    expect(render("{{#b}}{{{b}}}{{/b}}{{^b}}Missing{{/b}}|{{#zz}}x{{/zz}}{{^zz}}Missing{{/zz}}", view)).toBe(
      "xxx|Missing"
    )
    expect(render("{{#c}}{{{ca}}}~{{/c}}", view)).toBe("first~second~")
    expect(render("{{h}}|{{{h}}}|{{& h}}", view)).toBe("&lt;&amp;&gt;&quot;&#39;|<&>\"'|<&>\"'")
    expect(render("[{{n}}][{{missing}}][{{z}}]{{! a comment }}", view)).toBe("[][][0]")
    expect(render("{{#a}}{{aa}} {{b}}{{/a}}", view)).toBe("testing xxx")
    expect(render("{{x}} over {{y}}", { x: "inner" }, { x: "outer", y: "base" })).toBe("inner over base")
    expect(() => render("{{#open}}never closed", view)).toThrow(TemplateError)
    expect(() => render("{{unclosed", view)).toThrow(TemplateError)
    expect(() => render("{{/stray}}", view)).toThrow(TemplateError)
  })

  it("chunks are at most 512 bytes and never split a character", () => {
    const text = "é".repeat(600) // 1200 bytes, two bytes each
    const chunks = chunkUtf8(text)
    expect(chunks.map((c) => Buffer.byteLength(c))).toEqual([512, 512, 176])
    expect(chunks.join("")).toBe(text)
    const odd = "a" + "€".repeat(300) // 1 + 900 bytes: 3-byte characters never split
    expect(chunkUtf8(odd).every((c) => Buffer.byteLength(c) <= 512 && !c.includes("\uFFFD"))).toBe(true)
    expect(chunkUtf8(odd).join("")).toBe(odd)
    expect(chunkUtf8("")).toEqual([""])
  })
})
