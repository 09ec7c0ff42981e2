/**
 * Bad input and bad answers: where particle-api-js 12.0.3 throws synchronously, rejects, or hangs, the
 * facade rejects with an error carrying particle-api-js's fields (`statusCode`, `errorDescription`,
 * `shortErrorDescription`, `body`, `error`). Each difference is listed in the README ("Bad input").
 */
import { Simulator } from "@effect-particle/simulator"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import Particle, { ParticleApiError } from "../src/index.js"
import { Official } from "./support/fixture.js"

let sim: Simulator.SimulatorHandle & { close(): Promise<void> }
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const particle = (o: Record<string, unknown> = {}) => new Particle({ baseUrl: sim.url, ...o })
const official = () => new Official({ baseUrl: sim.url })
const auth = () => sim.accessToken

const rejection = async (p: Promise<unknown>): Promise<ParticleApiError> => {
  try {
    await p
  } catch (error) {
    return error as ParticleApiError
  }
  throw new Error("expected a rejection")
}

/** A server that accepts connections and never answers. */
const silentServer = async () => {
  const sockets = new Set<import("node:net").Socket>()
  const server = http.createServer(() => undefined)
  server.on("connection", (s) => sockets.add(s))
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}

describe("where particle-api-js throws synchronously", () => {
  it("environment variables with no scope or two: a rejection with the same message, nothing sent", async () => {
    expect(() => official().listEnvVars({ auth: auth() })).toThrow("Specify one of: product, org, deviceId, or sandbox")
    expect(() => official().setEnvVar({ product: 1, org: "x", key: "K", value: "v", auth: auth() })).toThrow(
      "Specify only one of: product, org, deviceId, or sandbox"
    )
    sim.clearRequests()
    const none = particle().listEnvVars({ auth: auth() })
    expect(none).toBeInstanceOf(Promise)
    const error = await rejection(none)
    expect(error).toBeInstanceOf(ParticleApiError)
    expect(error).toMatchObject({
      message: "Specify one of: product, org, deviceId, or sandbox",
      errorDescription: "Specify one of: product, org, deviceId, or sandbox",
      statusCode: undefined,
      shortErrorDescription: undefined
    })
    const two = await rejection(particle().setEnvVar({ product: 1, org: "x", key: "K", value: "v", auth: auth() }))
    expect(two.message).toBe("Specify only one of: product, org, deviceId, or sandbox")
    expect(sim.requests()).toEqual([])
  })

  it("a method called without its options object: particle-api-js throws a TypeError, the facade takes {}", async () => {
    expect(() => official().getUserInfo()).toThrow(TypeError)
    const result = await particle({ auth: auth() }).getUserInfo(undefined as never)
    expect(result.statusCode).toBe(200)
    expect(result.body.username).toBe(sim.seed.user.username)
  })

  it("setDefaultAuth, the constructor's auth and setContext throw as particle-api-js does", () => {
    for (const make of [() => official(), () => particle()]) {
      expect(() => make().setDefaultAuth("")).toThrow("Must pass a non-empty string representing an auth token!")
      expect(() => make().setContext("nope" as never, { name: "x" })).toThrow(
        "unknown context name or undefined context: nope"
      )
    }
    expect(() => new Official({ auth: 42 })).toThrow("Must pass a non-empty string representing an auth token!")
    expect(() => new Particle({ auth: 42 as never })).toThrow(
      "Must pass a non-empty string representing an auth token!"
    )
  })
})

describe("where particle-api-js sends what it was given", () => {
  it("a missing path option: particle-api-js asks for /v1/devices/undefined; the facade rejects, sends nothing", async () => {
    await rejection(official().getDevice({ auth: auth() }))
    expect(sim.requests().map((r) => r.path)).toEqual(["/v1/devices/undefined"])
    sim.clearRequests()
    const error = await rejection(particle().getDevice({ auth: auth() } as never))
    expect(error).toMatchObject({
      statusCode: undefined,
      errorDescription: "Invalid input: deviceId is required",
      shortErrorDescription: "deviceId is required"
    })
    expect((error.cause as { _tag: string })._tag).toBe("InvalidInput")
    expect(error.body).toBe(error.cause)
    expect(error.error).toBe(error.body)
    expect(sim.requests()).toEqual([])
  })

  it("an option of the wrong type is refused before sending (particle-api-js sends it as it is)", async () => {
    const error = await rejection(
      particle().callFunction({
        deviceId: sim.seed.devices.online.id,
        name: "led",
        argument: 42 as never,
        auth: auth()
      })
    )
    expect(error.shortErrorDescription).toMatch(/^argument /)
    expect(sim.requests()).toEqual([])
  })

  it("an invalid baseUrl: particle-api-js rejects with a network error, the facade with the option named", async () => {
    const theirs = await rejection(new Official({ baseUrl: "not a url" }).getUserInfo({ auth: "t" }))
    const ours = await rejection(new Particle({ baseUrl: "not a url" }).getUserInfo({ auth: "t" }))
    expect(theirs.errorDescription).toBe("Network error from not a url/v1/user")
    expect(ours).toMatchObject({
      statusCode: undefined,
      shortErrorDescription: "baseUrl must be an absolute http(s) URL"
    })
  })
})

describe("where particle-api-js hangs or rejects", () => {
  it("no answer: particle-api-js waits forever, the facade times out with a network error", async () => {
    const server = await silentServer()
    try {
      let settled = false
      const theirs = new Official({ baseUrl: server.url }).getUserInfo({ auth: "t" }).finally(() => {
        settled = true
      })
      const error = await rejection(
        new Particle({ baseUrl: server.url, effect: { timeout: "300 millis", retry: false } }).getUserInfo({
          auth: "t"
        })
      )
      expect(error).toMatchObject({
        statusCode: undefined,
        errorDescription: `Network error from ${server.url}/v1/user`,
        shortErrorDescription: undefined
      })
      expect(error.body).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
      expect(settled).toBe(false)
      await server.close()
      await theirs.catch(() => undefined)
    } finally {
      await server.close()
    }
  })

  it("a connection refused: both reject with the same fields", async () => {
    const server = await silentServer()
    const url = server.url
    await server.close()
    const theirs = await rejection(new Official({ baseUrl: url }).getUserInfo({ auth: "t" }))
    const ours = await rejection(new Particle({ baseUrl: url, effect: { retry: false } }).getUserInfo({ auth: "t" }))
    const fields = (e: ParticleApiError) => [e.message, e.statusCode, e.errorDescription, e.shortErrorDescription]
    expect(fields(ours)).toEqual(fields(theirs))
    expect(fields(ours)).toEqual([
      `Network error from ${url}/v1/user`,
      undefined,
      `Network error from ${url}/v1/user`,
      undefined
    ])
    expect(ours.body).toMatchObject({ _tag: "TransportError", reason: "Network" })
  })

  it("abortSignal cancels a call (an extension), which then rejects", async () => {
    const server = await silentServer()
    try {
      const controller = new AbortController()
      const call = new Particle({ baseUrl: server.url }).getUserInfo({ auth: "t", abortSignal: controller.signal })
      controller.abort(new Error("changed my mind"))
      const error = await rejection(call)
      expect(error).toMatchObject({ statusCode: undefined, errorDescription: "The request was aborted" })
    } finally {
      await server.close()
    }
  })

  it("a 200 that is not JSON: particle-api-js rejects (HTTP error 200), the facade resolves the text", async () => {
    sim.setFault({
      kind: "status",
      route: "/v1/user",
      method: "GET",
      status: 200,
      rawBody: "OK",
      contentType: "text/plain"
    })
    const theirs = await rejection(official().getUserInfo({ auth: auth() }))
    expect(theirs.errorDescription).toBe(`HTTP error 200 from ${sim.url}/v1/user`)
    sim.setFault({
      kind: "status",
      route: "/v1/user",
      method: "GET",
      status: 200,
      rawBody: "OK",
      contentType: "text/plain"
    })
    expect(await particle().getUserInfo({ auth: auth() })).toEqual({ statusCode: 200, body: "OK" })
  })

  it("a 429: the facade retries a GET (honouring Retry-After); without retries the rejection has the headers", async () => {
    sim.setFault({ kind: "rateLimit", route: "/v1/user", times: 1, retryAfterSeconds: 0 })
    const theirs = await rejection(official().getUserInfo({ auth: auth() }))
    expect(theirs.statusCode).toBe(429)
    sim.setFault({ kind: "rateLimit", route: "/v1/user", times: 1, retryAfterSeconds: 0 })
    expect((await particle().getUserInfo({ auth: auth() })).statusCode).toBe(200)
    expect(sim.requests().filter((r) => r.path === "/v1/user")).toHaveLength(3)

    sim.setFault({ kind: "rateLimit", route: "/v1/user", times: 1, retryAfterSeconds: 7 })
    const ours = await rejection(particle({ effect: { retry: false } }).getUserInfo({ auth: auth() }))
    expect(ours).toMatchObject({
      statusCode: 429,
      errorDescription: `HTTP error 429 from ${sim.url}/v1/user - Too many requests`,
      shortErrorDescription: "Too many requests",
      body: { error: "rate_limit_exceeded", error_description: "Too many requests" }
    })
    const response = (ours.body as { response: { headers: Headers; status: number } }).response
    expect(response.status).toBe(429)
    expect(response.headers.get("retry-after")).toBe("7")
    expect(Object.keys(ours.body as object)).not.toContain("response")
  })

  it("a POST is never retried (a 5xx rejects at once)", async () => {
    sim.setFault({ kind: "status", route: "/v1/devices/events", method: "POST", status: 503, times: 1 })
    const error = await rejection(particle().publishEvent({ name: "x", auth: auth() }))
    expect(error.statusCode).toBe(503)
    expect(sim.requests().filter((r) => r.path === "/v1/devices/events")).toHaveLength(1)
  })

  it("particle-api-js's { ok: false, error } bodies keep their fields; the message only uses error_description", async () => {
    const id = sim.seed.devices.online.id
    const theirs = await rejection(official().getVariable({ deviceId: id, name: "nope", auth: auth() }))
    const ours = await rejection(particle().getVariable({ deviceId: id, name: "nope", auth: auth() }))
    expect(ours.errorDescription).toBe(theirs.errorDescription)
    expect(ours.errorDescription).toBe(`HTTP error 404 from ${sim.url}/v1/devices/${id}/nope`)
    expect(ours.body).toEqual({ ok: false, error: "Variable not found" })
    expect((ours.cause as Error).message).toContain("Variable not found")
  })
})
