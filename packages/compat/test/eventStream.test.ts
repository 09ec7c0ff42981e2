/**
 * `getEventStream`: particle-api-js's events and `abort()`, on our event `Stream`, against the simulator,
 * next to particle-api-js 12.0.3 where the difference is the point (its verified bugs, reference §6.7).
 */
import { Simulator } from "@effect-particle/simulator"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import Particle, { type EventStream, ParticleApiError } from "../src/index.js"
import { eventually, Official } from "./support/fixture.js"

let sim: Simulator.SimulatorHandle & { close(): Promise<void> }
beforeAll(async () => {
  sim = await Simulator.start({ keepAliveIntervalMs: 200 })
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const particle = () => new Particle({ baseUrl: sim.url, auth: sim.accessToken })
const official = () => new Official({ baseUrl: sim.url, auth: sim.accessToken })
const online = () => sim.seed.devices.online.id
/** Event-stream opens; `ours`: the facade's only (particle-api-js sends no User-Agent on its stream). */
const streamOpens = (who: "ours" | "theirs") =>
  sim.requests().filter((r) =>
    r.path === "/v1/devices/events" && (r.headers["user-agent"] !== undefined) === (who === "ours")
  ).length

/**
 * particle-api-js's `abort()` does not cancel a pending reconnection (bug 1 of reference §6.7): after a
 * demonstration, its loop is cut (its `reconnect` and `connect` replaced), so it does not run on in later tests.
 */
const stopForGood = (stream: any) => {
  stream.reconnect = () => undefined
  stream.connect = () => new Promise(() => undefined)
  stream.abort()
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Every event a stream emits, by name, in order (`event` with the event's name). */
const journal = (stream: EventStream) => {
  const log: Array<string> = []
  const errors: Array<any> = []
  for (const name of ["disconnect", "reconnect", "reconnect-success", "reconnect-error", "end", "error"]) {
    stream.on(name, (e?: unknown) => {
      log.push(name)
      if (e !== undefined) errors.push(e)
    })
  }
  stream.on("event", (e: { name: string }) => log.push(`event ${e.name}`))
  return { log, errors }
}

describe("getEventStream", () => {
  it("resolves once connected and emits particle-api-js's event objects", async () => {
    const stream = await particle().getEventStream({ deviceId: "mine" })
    const got = new Promise<any>((resolve) => stream.on("event", resolve))
    sim.publish({ deviceId: online(), name: "temp", data: "21.5", ttl: 60 })
    const event = await got
    stream.abort()
    expect(event).toEqual({
      data: "21.5",
      ttl: 60,
      published_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      coreid: online(),
      name: "temp"
    })
    expect(stream.uri).toBe(`${sim.url}/v1/devices/events`)
  })

  it("loses no event that came with the response headers, however late the listener", async () => {
    const preload = Array.from({ length: 20 }, (_, i) => ({
      name: `early/${i}`,
      data: JSON.stringify({ data: String(i), ttl: 60, published_at: "2024-03-01T00:00:00.000Z", coreid: online() })
    }))
    sim.setFault({ kind: "ssePreload", events: preload })
    const stream = await particle().getEventStream({ deviceId: "mine" })
    await sleep(100) // particle-api-js emits these into the void; we hold them until someone listens
    const names: Array<string> = []
    const all = new Promise<void>((resolve) =>
      stream.on("event", (e: { name: string }) => {
        names.push(e.name)
        if (names.length === preload.length) resolve()
      })
    )
    await all
    stream.abort()
    expect(names).toEqual(preload.map((e) => e.name))
  })

  it("a dropped connection: disconnect, reconnect, reconnect-success, as particle-api-js (which waits 2 s)", async () => {
    const run = async (client: any) => {
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 1, connections: 1 })
      const stream = await client.getEventStream({ deviceId: "mine" })
      const { log } = journal(stream)
      sim.publish({ deviceId: online(), name: "one", data: "1" })
      await eventually(async () => (log.includes("reconnect-success") ? true : undefined), "reconnect-success")
      sim.publish({ deviceId: online(), name: "two", data: "2" })
      await eventually(async () => (log.includes("event two") ? true : undefined), "the second event")
      stream.abort()
      return log
    }
    const theirs = await run(official())
    const ours = await run(particle())
    expect(ours).toEqual(["event one", "disconnect", "reconnect", "reconnect-success", "event two"])
    expect(ours).toEqual(theirs)
  })

  it("stops on a 401 after a reconnect (reconnect-error, then end), where particle-api-js retries forever", async () => {
    sim.setFault({ kind: "sseDrop", afterEvents: 1, connections: 1 })
    const stream = await particle().getEventStream({ deviceId: "mine" })
    const { errors, log } = journal(stream)
    const ended = new Promise<void>((resolve) => stream.on("end", () => resolve()))
    stream.once("event", () =>
      sim.setFault({
        kind: "status",
        route: "/v1/devices/events",
        method: "GET",
        status: 401,
        body: { error: "invalid_token", error_description: "The access token provided is invalid." }
      }))
    sim.publish({ deviceId: online(), name: "one", data: "1" })
    await ended
    expect(log).toEqual(["event one", "disconnect", "reconnect", "reconnect-error", "end"])
    const [reconnectError, endError] = errors
    expect(reconnectError).toBeInstanceOf(ParticleApiError)
    expect(reconnectError).toMatchObject({
      statusCode: 401,
      errorDescription: `HTTP error 401 from ${sim.url}/v1/devices/events - The access token provided is invalid.`,
      shortErrorDescription: "The access token provided is invalid.",
      body: { error: "invalid_token" }
    })
    expect(endError).toBe(reconnectError)
    expect(streamOpens("ours")).toBe(2)
    await sleep(2500) // longer than particle-api-js's fixed 2 s retry: nothing more is sent
    expect(streamOpens("ours")).toBe(2)

    // particle-api-js 12.0.3 keeps retrying the 401 every 2 s
    sim.reset()
    sim.setFault({ kind: "sseDrop", afterEvents: 1, connections: 1 })
    const theirs = await official().getEventStream({ deviceId: "mine" })
    let retries = 0
    theirs.on("reconnect-error", () => retries++)
    theirs.once(
      "event",
      () => sim.setFault({ kind: "status", route: "/v1/devices/events", method: "GET", status: 401, body: {} })
    )
    sim.publish({ deviceId: online(), name: "one", data: "1" })
    await eventually(async () => (retries >= 2 ? true : undefined), "two reconnect errors of particle-api-js")
    stopForGood(theirs)
  })

  it("abort() inside a disconnect handler stops reconnecting (particle-api-js reconnects 2 s later)", async () => {
    const run = async (client: any) => {
      sim.reset()
      sim.setFault({ kind: "sseDrop", afterEvents: 1, connections: 1 })
      const stream = await client.getEventStream({ deviceId: "mine" })
      const disconnected = new Promise<void>((resolve) =>
        stream.on("disconnect", () => {
          stream.abort()
          resolve()
        })
      )
      sim.publish({ deviceId: online(), name: "one", data: "1" })
      await disconnected
      return stream
    }
    await run(particle())
    await sleep(2500)
    expect(streamOpens("ours")).toBe(1)
    expect(sim.sseConnections()).toBe(0)

    const theirs = await run(official())
    await eventually(async () => (streamOpens("theirs") >= 2 ? true : undefined), "particle-api-js's reconnection")
    stopForGood(theirs)
    sim.reset() // closes the connection particle-api-js opened with no listeners
  })

  it("abort() inside an event handler: nothing more is emitted and the connection closes", async () => {
    const stream = await particle().getEventStream({ deviceId: "mine" })
    const seen: Array<string> = []
    stream.on("event", (e: { name: string }) => {
      seen.push(e.name)
      stream.abort()
    })
    sim.publish({ deviceId: online(), name: "one", data: "1" })
    sim.publish({ deviceId: online(), name: "two", data: "2" })
    await eventually(async () => (sim.sseConnections() === 0 ? true : undefined), "the connection to close")
    expect(seen).toEqual(["one"])
    expect(stream.listenerCount("event")).toBe(0)
  })

  it("rejects when the first connection fails, with particle-api-js's fields (on an Error)", async () => {
    const auth = "0".repeat(40)
    const theirs = await official().getEventStream({ deviceId: "mine", auth }).catch((e: unknown) => e)
    const ours = await particle().getEventStream({ deviceId: "mine", auth }).catch((e: unknown) => e)
    expect(ours).toBeInstanceOf(ParticleApiError)
    expect(theirs).not.toBeInstanceOf(Error)
    const fields = (e: any) => ({ statusCode: e.statusCode, errorDescription: e.errorDescription, body: e.body })
    expect(fields(ours)).toEqual(fields(theirs))
    expect((ours as ParticleApiError).statusCode).toBe(401)
  })

  it("a listener that throws: the error is emitted as 'error', as particle-api-js does", async () => {
    for (const client of [official(), particle()]) {
      const stream = await client.getEventStream({ deviceId: "mine" })
      const failure = new Error("listener failed")
      const emitted = new Promise<unknown>((resolve) => stream.on("error", resolve))
      stream.on("event", () => {
        throw failure
      })
      sim.publish({ deviceId: online(), name: "one", data: "1" })
      expect(await emitted).toBe(failure)
      stream.abort()
    }
  })

  it("an invalid scope rejects before connecting (particle-api-js sends /v1/events and gets a 400)", async () => {
    const error = await particle().getEventStream({}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ParticleApiError)
    expect(error).toMatchObject({ statusCode: undefined, shortErrorDescription: expect.stringMatching(/^deviceId /) })
    expect(sim.requests()).toEqual([])
  })
})

describe("getEventStream parsing, on a hand-written event stream", () => {
  let server: http.Server
  let url: string
  let write: (res: http.ServerResponse) => Promise<void>
  beforeAll(async () => {
    server = http.createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" })
      void write(res)
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => {
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const event = (name: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ data: name, ttl: 60, published_at: "2024-03-01T00:00:00.000Z", coreid: "c", ...extra })

  it("a CRLF split between two writes, a comment, multi-line data, non-JSON data and an incomplete event", async () => {
    write = async (res) => {
      res.write(":ok\r\n\r\n")
      res.write(`event: first\r`)
      await sleep(20)
      res.write(`\ndata: ${event("first")}\r\n\r\n`)
      res.write(`event: broken\ndata: not json\n\n`)
      res.write(`event: partial\ndata: ${JSON.stringify({ data: "p", coreid: "c" })}\n\n`)
      res.write(`event: last\ndata: ${event("last", { productID: 7 })}\n\n`)
    }
    const stream = await new Particle({ baseUrl: url, auth: "t" }).getEventStream({ deviceId: "mine" })
    const got: Array<any> = []
    const done = new Promise<void>((resolve) =>
      stream.on("event", (e) => {
        got.push(e)
        if (e.name === "last") resolve()
      })
    )
    await done
    stream.abort()
    expect(got).toEqual([
      { data: "first", ttl: 60, published_at: "2024-03-01T00:00:00.000Z", coreid: "c", name: "first" },
      // JSON that is not a whole event is emitted as it came, as particle-api-js does; non-JSON is skipped
      { data: "p", coreid: "c", name: "partial" },
      { data: "last", ttl: 60, published_at: "2024-03-01T00:00:00.000Z", coreid: "c", productID: 7, name: "last" }
    ])
  })
})
