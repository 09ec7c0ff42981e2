import { Input, ParticleClient } from "@effect-particle/core"
import { assert, it as plain, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { TestServer } from "./support/TestServer.js"

const expectInvalid = <A, E extends { _tag: string }, R>(effect: Effect.Effect<A, E, R>, field: string) =>
  Effect.gen(function*() {
    const server = yield* TestServer
    const before = server.requests.length
    const error = yield* Effect.flip(effect)
    assert.strictEqual(error._tag, "InvalidInput")
    assert.strictEqual((error as unknown as { field: string }).field, field)
    assert.include((error as unknown as { message: string }).message, field)
    assert.strictEqual(server.requests.length, before, "no request was sent")
  })

layer(Client.layer({ accessToken: undefined }))("bad input", (it) => {
  it.effect("a missing token is an InvalidInput naming accessToken", () =>
    expectInvalid(ops.getDevice({ deviceId: "gongbot" }), "accessToken"))

  it.effect("an empty per-call token is an InvalidInput", () =>
    expectInvalid(
      ops.getDevice({ deviceId: "gongbot" }).pipe(ParticleClient.withAccessToken(Redacted.make(" "))),
      "accessToken"
    ))

  it.effect("an empty token in the options fails the layer", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(
        Effect.provide(
          ops.getDevice({ deviceId: "gongbot" }),
          ParticleClient.layerFetch({ accessToken: Redacted.make("") })
        )
      )
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual((error as { field: string }).field, "accessToken")
    }))

  it.effect("a malformed base URL fails the layer", () =>
    Effect.gen(function*() {
      for (
        const baseUrl of [
          "not a url",
          "ftp://example.com",
          "https://user:pw@api.particle.io",
          "https://api.particle.io/?x=1"
        ]
      ) {
        const error = yield* Effect.flip(
          Effect.provide(ops.getDevice({ deviceId: "gongbot" }), ParticleClient.layerFetch({ baseUrl }))
        )
        assert.strictEqual(error._tag, "InvalidInput", baseUrl)
        assert.strictEqual((error as { field: string }).field, "baseUrl")
      }
    }))

  it.effect("bad options name their field", () =>
    Effect.gen(function*() {
      const token = ParticleClient.withAccessToken(Redacted.make(Client.TOKEN))
      yield* expectInvalid(token(ops.getDevice({ deviceId: "" })), "deviceId")
      yield* expectInvalid(token(ops.getDevice({ deviceId: "has space" })), "deviceId")
      yield* expectInvalid(token(ops.remove({ deviceId: "gongbot", product: 1 })), "deviceId")
      yield* expectInvalid(token(ops.listDevices({ product: 1, page: 1.5 })), "page")
      yield* expectInvalid(token(ops.listDevices({ product: 1, page: 0 })), "page")
      yield* expectInvalid(token(ops.listDevices({ product: -3 })), "product")
      yield* expectInvalid(token(ops.listDevices({ product: "bad slug!" })), "product")
      yield* expectInvalid(token(ops.listDevices({} as never)), "product")
      yield* expectInvalid(token(ops.callFunction({ deviceId: "gongbot", name: "" })), "name")
      yield* expectInvalid(token(ops.flash({ deviceId: "gongbot", files: {} })), "files")
      yield* expectInvalid(token(ops.getDevice(null as never)), "options")
    }))
})

plain("Input.Secret wraps a plain string in Redacted, keeps a Redacted, and never shows the value", () => {
  const decode = Schema.decodeUnknownEither(Input.Secret)
  const fromString = decode("hunter2-password")
  assert.isTrue(Either.isRight(fromString))
  const secret = Either.getOrThrow(fromString)
  assert.isTrue(Redacted.isRedacted(secret))
  assert.strictEqual(Redacted.value(secret), "hunter2-password")
  for (const text of [String(secret), JSON.stringify({ secret }), Inspectable.format({ secret })]) {
    assert.notInclude(text, "hunter2")
  }
  const given = Redacted.make("already-redacted")
  assert.strictEqual(Redacted.value(Either.getOrThrow(decode(given))), "already-redacted")
  for (const bad of ["", "   ", Redacted.make(""), 42, null]) assert.isTrue(Either.isLeft(decode(bad)), String(bad))
})

plain("Input.DateTime decodes a Date or an ISO-8601 string to the ISO string; refuses invalid dates", () => {
  const decode = Schema.decodeUnknownEither(Input.DateTime)
  assert.strictEqual(Either.getOrThrow(decode(new Date(Date.UTC(2099, 0, 1)))), "2099-01-01T00:00:00.000Z")
  assert.strictEqual(Either.getOrThrow(decode("2099-01-02T03:04:05Z")), "2099-01-02T03:04:05Z")
  for (const bad of [new Date(NaN), "not a date", "", 1_700_000_000_000, null]) {
    assert.isTrue(Either.isLeft(decode(bad)), String(bad))
  }
})
