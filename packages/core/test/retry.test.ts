import { ParticleError, Retry } from "@effect-particle/core"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Client from "./support/client.js"
import { adjust, isDone, settle, waitUntil } from "./support/clock.js"
import * as ops from "./support/ops.js"
import { json, TestServer } from "./support/TestServer.js"

const DEVICE = "0123456789abcdef01234567"

// default retry policy: 3 retries, 250 ms base, Retry-After honoured up to 60 s
for (const transport of Client.transports) {
  layer(Client.layer({ timeout: "1 hour" }, transport))(`retries (${transport})`, (it) => {
    it.effect("429 with Retry-After waits that long, then succeeds", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) =>
          server.requests.length === 1
            ? json(res, 429, { error: "rate_limit_exceeded" }, { "retry-after": "30" })
            : json(res, 200, { id: DEVICE, name: "x", online: true })
        )
        const fiber = yield* Effect.fork(ops.getDevice({ deviceId: DEVICE }))
        yield* waitUntil(() => server.requests.length === 1, "the first request")
        // jittered backoff alone would retry within 500 ms; Retry-After asks for 30 s
        yield* adjust("29 seconds")
        yield* settle
        assert.strictEqual(server.requests.length, 1)
        assert.isFalse(yield* isDone(fiber))
        yield* adjust("1 second")
        const device = yield* Fiber.join(fiber)
        assert.strictEqual(device.id, DEVICE)
        assert.strictEqual(server.requests.length, 2)
      }))

    it.effect("a POST is not retried on 503", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => json(res, 503, { error: "unavailable" }))
        const error = yield* Effect.flip(ops.callFunction({ deviceId: DEVICE, name: "f", argument: "" }))
        assert.strictEqual(error._tag, "ServerError")
        yield* adjust("1 minute")
        yield* settle
        assert.strictEqual(server.requests.length, 1)
      }))

    it.effect("GET retries stop at the bound and fail with the last error", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => json(res, 500, { error: "Internal Server Error" }))
        const fiber = yield* Effect.fork(Effect.flip(ops.getDevice({ deviceId: DEVICE })))
        for (let i = 0; i < 20 && !(yield* isDone(fiber)); i++) {
          yield* settle
          yield* adjust("10 seconds")
        }
        const error = yield* Fiber.join(fiber)
        assert.strictEqual(error._tag, "ServerError")
        assert.strictEqual(server.requests.length, 4, "1 attempt + 3 retries")
      }))

    it.effect("404 is not retried", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => json(res, 404, { error: "nope" }))
        const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
        assert.strictEqual(error._tag, "NotFound")
        assert.strictEqual(server.requests.length, 1)
      }))

    it.effect("isRetryable and Retry.schedule compose for a non-idempotent call", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) =>
          server.requests.length < 3 ? json(res, 502, {}) : json(res, 200, { return_value: 1 })
        )
        const fiber = yield* Effect.fork(
          ops.callFunction({ deviceId: DEVICE, name: "f" }).pipe(
            Effect.retry({ schedule: Retry.schedule({ base: "1 second" }), while: Retry.isRetryable })
          )
        )
        for (let i = 0; i < 20 && !(yield* isDone(fiber)); i++) {
          yield* settle
          yield* adjust("5 seconds")
        }
        assert.strictEqual((yield* Fiber.join(fiber)).return_value, 1)
        assert.strictEqual(server.requests.length, 3)
        assert.isFalse(Retry.isRetryable(ParticleError.invalidInput("x", "bad")))
      }))
  })
}
