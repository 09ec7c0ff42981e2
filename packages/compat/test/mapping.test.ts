/**
 * Where the operations take other options than particle-api-js (names, defaults, a split scope), the
 * facade maps particle-api-js's: each example shows what the operation alone sends for particle-api-js's
 * options, what particle-api-js sends, and that the facade sends the latter. On a recording server.
 */
import * as Auth from "@effect-particle/auth"
import type { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import * as Devices from "@effect-particle/devices"
import * as Products from "@effect-particle/products"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import Particle from "../src/index.js"
import { Official } from "./support/fixture.js"
import { type Recorder, startRecorder } from "./support/recorder.js"
import { shapeOf } from "./support/wire.js"

let recorder: Recorder
beforeAll(async () => {
  recorder = await startRecorder()
})
afterAll(() => recorder.close())

const token = "0123456789abcdef0123456789abcdef01234567"

/** The request an operation alone sends (or the field it refuses). */
const operationSends = async (effect: Effect.Effect<unknown, unknown, ParticleClient.ParticleClient>) => {
  recorder.take()
  const layer = NodeParticle.layer({ baseUrl: recorder.url, accessToken: Redacted.make(token), retry: false })
  const error = await Effect.runPromise(Effect.flip(Effect.provide(effect, layer))).catch(() => undefined)
  const sent = recorder.take().map((r) => shapeOf(r, []))
  return { sent, refused: (error as { field?: string } | undefined)?.field }
}

const clientSends = async (client: any, method: string, options: object) => {
  recorder.take()
  await client[method]({ ...options })
  return recorder.take().map((r) => shapeOf(r, []))
}

const both = async (method: string, options: object) => ({
  theirs: await clientSends(new Official({ baseUrl: recorder.url }), method, options),
  ours: await clientSends(new Particle({ baseUrl: recorder.url }), method, options)
})

describe("the facade maps particle-api-js's options onto the operations'", () => {
  it("releaseProductFirmware: particle-api-js's snake-case product_default is the operation's productDefault", async () => {
    const options = { product: 4242, version: 2, product_default: true, auth: token }
    const alone = await operationSends(Products.releaseProductFirmware(options as never))
    expect(alone).toEqual({ sent: [], refused: "productDefault" })
    const { ours, theirs } = await both("releaseProductFirmware", options)
    expect(ours).toEqual(theirs)
    expect(ours[0]!.body).toEqual({ encoding: "json", value: { version: 2, product_default: true } })
  })

  it("login: the instance's clientId (particle-api-js's default particle-api), not the operation's default", async () => {
    const options = { username: "me@example.com", password: "pw" }
    const alone = await operationSends(Auth.login(options))
    expect(alone.sent[0]!.body).toMatchObject({ value: expect.arrayContaining(["client_id=particle"]) })
    const { ours, theirs } = await both("login", options)
    expect(ours).toEqual(theirs)
    expect(ours[0]!.body).toMatchObject({
      value: expect.arrayContaining(["client_id=particle-api", "client_secret=particle-api", "expires_in=7776000"])
    })
  })

  it("listDevices: with product, one page of the product's devices (another operation)", async () => {
    const options = { product: "my-fleet", groups: ["a", "b"], page: 2, perPage: 10, auth: token }
    const alone = await operationSends(Devices.listDevices(options as never))
    expect(alone.sent.map((s) => `${s.path}?${s.query}`)).toEqual(["/v1/devices?"])
    const { ours, theirs } = await both("listDevices", options)
    expect(ours).toEqual(theirs)
    expect(`${ours[0]!.path}?${ours[0]!.query}`).toBe("/v1/products/my-fleet/devices?groups=a%2Cb&page=2&per_page=10")
  })

  it("signalDevice: any truthy signal is \"1\" (the operation takes a boolean)", async () => {
    const options = { deviceId: "0123456789abcdef01234567", signal: 1, auth: token }
    const alone = await operationSends(Devices.signalDevice(options as never))
    expect(alone).toEqual({ sent: [], refused: "signal" })
    const { ours, theirs } = await both("signalDevice", options)
    expect(ours).toEqual(theirs)
    expect(ours[0]!.body).toEqual({ encoding: "json", value: { signal: "1" } })
  })

  it("markAsDevelopmentDevice without product: particle-api-js sends {} to the user device", async () => {
    const options = { deviceId: "0123456789abcdef01234567", auth: token }
    const alone = await operationSends(Devices.markAsDevelopmentDevice(options as never))
    expect(alone).toEqual({ sent: [], refused: "product" })
    const { ours, theirs } = await both("markAsDevelopmentDevice", options)
    expect(ours).toEqual(theirs)
    expect([ours[0]!.path, ours[0]!.body]).toEqual(["/v1/devices/0123456789abcdef01234567", {
      encoding: "json",
      value: {}
    }])
  })
})
