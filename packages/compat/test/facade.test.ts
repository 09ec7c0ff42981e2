/**
 * The facade beyond one call: the browser entry, `particle.effect` (mixing in Effect code on the same
 * client), `setBaseUrl` while a stream is open, and a script that exits when it is done.
 */
import { getVariable } from "@effect-particle/devices"
import { Simulator } from "@effect-particle/simulator"
import * as Effect from "effect/Effect"
import { execFile } from "node:child_process"
import { EventEmitter } from "node:events"
import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import BrowserParticle from "../src/browser.js"
import Particle, { ParticleApiError } from "../src/index.js"

let sim: Simulator.SimulatorHandle & { close(): Promise<void> }
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const online = () => sim.seed.devices.online.id

describe("the entries", () => {
  it("Node: binaries are Buffers, event streams are EventEmitters", async () => {
    const particle = new Particle({ baseUrl: sim.url, auth: sim.accessToken })
    const binary: Buffer = await particle.downloadProductFirmware({ product: sim.seed.product.id, version: 1 })
    expect(Buffer.isBuffer(binary)).toBe(true)
    expect(binary.toString()).toBe("SIM-PRODUCT-FIRMWARE-v1")
    const stream = await particle.getEventStream({ deviceId: "mine" })
    expect(stream).toBeInstanceOf(EventEmitter)
    stream.abort()
  })

  it("browser (fetch, no Node built-ins): binaries are ArrayBuffers, event streams a small emitter", async () => {
    const particle = new BrowserParticle({ baseUrl: sim.url, auth: sim.accessToken })
    const binary: ArrayBuffer = await particle.downloadProductFirmware({ product: sim.seed.product.id, version: 2 })
    expect(binary).toBeInstanceOf(ArrayBuffer)
    expect(Buffer.isBuffer(binary)).toBe(false)
    expect(new TextDecoder().decode(binary)).toBe("SIM-PRODUCT-FIRMWARE-v2")
    const { body, statusCode }: { body: any; statusCode: number } = await particle.getVariable({
      deviceId: online(),
      name: "temperature"
    })
    expect(statusCode).toBe(200)
    expect(body.result).toBe(23.5)
    const stream = await particle.getEventStream({ deviceId: "mine" })
    expect(stream).not.toBeInstanceOf(EventEmitter)
    const got = new Promise<any>((resolve) => stream.once("event", resolve))
    sim.publish({ deviceId: online(), name: "browser", data: "1" })
    expect(await got).toMatchObject({ name: "browser", data: "1", coreid: online() })
    stream.abort()
    expect(stream.listenerCount("event")).toBe(0)
  })
})

describe("particle.effect: Effect code on the instance's client", () => {
  it("runPromise runs an operation with the default token (or `auth`)", async () => {
    const particle = new Particle({ baseUrl: sim.url, auth: sim.accessToken })
    const variable = await particle.effect.runPromise(getVariable({ deviceId: online(), name: "temperature" }))
    expect(variable.result).toBe(23.5)
    const denied = await particle.effect
      .runPromise(getVariable({ deviceId: online(), name: "temperature" }), { auth: sim.seed.otherUser.accessToken })
      .catch((e: unknown) => e)
    expect((denied as { _tag: string })._tag).toBe("Forbidden")
  })

  it("layer provides the same client to a program (same base URL, the default token)", async () => {
    const particle = new Particle({ baseUrl: sim.url })
    particle.setDefaultAuth(sim.accessToken)
    const program = Effect.zip(
      getVariable({ deviceId: online(), name: "temperature" }),
      getVariable({ deviceId: online(), name: "count" })
    )
    const [temperature, count] = await Effect.runPromise(Effect.provide(program, particle.effect.layer))
    expect([temperature.result, count.result]).toEqual([23.5, 42])
    expect(sim.requests().map((r) => r.headers.authorization)).toEqual([
      `Bearer ${sim.accessToken}`,
      `Bearer ${sim.accessToken}`
    ])
  })
})

describe("setBaseUrl", () => {
  it("later calls go to the new URL; a stream opened before keeps its connection", async () => {
    const other = await Simulator.start()
    try {
      const particle = new Particle({ baseUrl: sim.url, auth: sim.accessToken })
      const stream = await particle.getEventStream({ deviceId: "mine" })
      particle.setBaseUrl(other.url)
      const elsewhere = await particle.getUserInfo({ auth: other.accessToken })
      expect(elsewhere.statusCode).toBe(200)
      expect(other.requests().map((r) => r.path)).toEqual(["/v1/user"])
      const got = new Promise<any>((resolve) => stream.once("event", resolve))
      sim.publish({ deviceId: online(), name: "still-here", data: "1" })
      expect((await got).name).toBe("still-here")
      stream.abort()
    } finally {
      await other.close()
    }
  })

  it("a rejection after setBaseUrl names the new URL", async () => {
    const particle = new Particle({ baseUrl: "http://127.0.0.1:9", effect: { retry: false } })
    particle.setBaseUrl(sim.url)
    const error = await particle.getDevice({ deviceId: "nope", auth: sim.accessToken }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ParticleApiError)
    expect((error as ParticleApiError).errorDescription).toMatch(
      new RegExp(`^HTTP error 403 from ${sim.url}/v1/devices/nope`)
    )
  })
})

describe("a script", () => {
  const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url))

  it("exits by itself once its calls are done (no socket or timer keeps it alive)", async () => {
    expect(existsSync(dist), "run the build first (pnpm test does)").toBe(true)
    const script = `
      import Particle from ${JSON.stringify(dist)}
      const particle = new Particle({ baseUrl: process.env.URL, auth: process.env.TOKEN })
      const { body } = await particle.listDevices({})
      const stream = await particle.getEventStream({ deviceId: "mine" })
      stream.abort()
      console.log(body.length)
    `
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["--input-type=module", "-e", script],
        { env: { ...process.env, URL: sim.url, TOKEN: sim.accessToken }, timeout: 25_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))
      )
    )
    expect(Number(output.trim())).toBeGreaterThan(0)
  })

  it("in CommonJS, require() returns the class, as require(\"particle-api-js\") does", async () => {
    expect(existsSync(dist), "run the build first (pnpm test does)").toBe(true)
    const script = `
      const Particle = require(${JSON.stringify(dist)})
      new Particle({ baseUrl: process.env.URL }).getUserInfo({ auth: process.env.TOKEN })
        .then(({ statusCode, body }) => console.log(statusCode, body.username))
    `
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ["-e", script],
        { env: { ...process.env, URL: sim.url, TOKEN: sim.accessToken }, timeout: 25_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout))
      )
    )
    expect(output.trim()).toBe(`200 ${sim.seed.user.username}`)
  })
})
