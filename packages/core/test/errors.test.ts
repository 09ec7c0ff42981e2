import { ParticleError } from "@effect-particle/core"
import { assert, layer } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { json, TestServer } from "./support/TestServer.js"

const DEVICE = "0123456789abcdef01234567"

// retries off: each status is observed exactly once
for (const transport of Client.transports) {
  layer(Client.layer({ retry: false }, transport))(`status → typed error (${transport})`, (it) => {
    const failWith = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => json(res, status, body, headers))
        return yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
      })

    it.effect("each documented status maps to its tag with its fields", () =>
      Effect.gen(function*() {
        const cases: ReadonlyArray<readonly [number, string]> = [
          [400, "BadRequest"],
          [401, "Unauthorized"],
          [403, "Forbidden"],
          [404, "NotFound"],
          [408, "DeviceTimeout"],
          [429, "RateLimited"],
          [500, "ServerError"],
          [503, "ServerError"],
          [418, "UnexpectedStatus"]
        ]
        for (const [status, tag] of cases) {
          const error = yield* failWith(status, { error: "some_error", error_description: `described ${status}` })
          assert.strictEqual(error._tag, tag, `status ${status}`)
          assert.isTrue(ParticleError.isParticleError(error))
          if (error._tag === "InvalidInput" || error._tag === "TransportError" || error._tag === "DecodeError") {
            assert.fail("not an HTTP error")
          }
          assert.strictEqual(error.status, status)
          assert.strictEqual(error.method, "GET")
          assert.isTrue(error.url.endsWith(`/v1/devices/${DEVICE}`))
          assert.strictEqual(error.error, "some_error")
          assert.strictEqual(error.errorDescription, `described ${status}`)
          assert.include(error.message, `described ${status}`)
          assert.include(error.message, `HTTP ${status}`)
        }
      }))

    it.effect("the message prefers error_description, then error, then errors[], then info", () =>
      Effect.gen(function*() {
        const a = yield* failWith(404, { error: "short", error_description: "long", info: "i" })
        assert.include(a.message, ": long")
        const b = yield* failWith(403, { error: "Permission Denied", info: "I didn't recognize that device" })
        assert.include(b.message, ": Permission Denied")
        assert.strictEqual((b as ParticleError.Forbidden).info, "I didn't recognize that device")
        const c = yield* failWith(400, { errors: [{ message: "Version must be greater" }, "plain"] })
        assert.include(c.message, "Version must be greater; plain")
        assert.deepStrictEqual((c as ParticleError.BadRequest).errors, ["Version must be greater", "plain"])
        const d = yield* failWith(404, { ok: false, info: "only info" })
        assert.include(d.message, ": only info")
      }))

    it.effect("403 mfa_required carries the mfa token", () =>
      Effect.gen(function*() {
        const error = yield* failWith(403, {
          error: "mfa_required",
          error_description: "Multi-factor authentication required",
          mfa_token: "mfa-123"
        })
        assert.strictEqual(error._tag, "Forbidden")
        assert.strictEqual((error as ParticleError.Forbidden).mfaToken, "mfa-123")
      }))

    it.effect("429 reads Retry-After as seconds or as an HTTP date", () =>
      Effect.gen(function*() {
        const seconds = yield* failWith(429, { error: "rate_limit_exceeded" }, { "retry-after": "7" })
        assert.deepStrictEqual((seconds as ParticleError.RateLimited).retryAfter, Option.some(Duration.seconds(7)))
        const none = yield* failWith(429, { error: "rate_limit_exceeded" })
        assert.isTrue(Option.isNone((none as ParticleError.RateLimited).retryAfter))
        // TestClock starts at 0, so an HTTP date 30 s after the epoch is 30 s away
        const date = yield* failWith(429, {}, { "retry-after": new Date(30_000).toUTCString() })
        assert.deepStrictEqual((date as ParticleError.RateLimited).retryAfter, Option.some(Duration.millis(30_000)))
      }))

    it.effect("an HTML 502 from a proxy keeps its text", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => {
          res.writeHead(502, { "content-type": "text/html" })
          res.end("<html><body><h1>502 Bad Gateway</h1></body></html>")
        })
        const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
        assert.strictEqual(error._tag, "ServerError")
        const e = error as ParticleError.ServerError
        assert.strictEqual(e.body, "<html><body><h1>502 Bad Gateway</h1></body></html>")
        assert.include(e.message, "502 Bad Gateway")
      }))

    it.effect("a status the operation does not document is UnexpectedStatus, keeping the error type true", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => json(res, 408, { error: "Timed out." }))
        // listDevices documents no DeviceTimeout
        const error = yield* Effect.flip(ops.listDevices({ product: 1 }))
        assert.strictEqual(error._tag, "UnexpectedStatus")
        assert.strictEqual((error as ParticleError.UnexpectedStatus).status, 408)
      }))

    it.effect("a refused connection is a TransportError naming the request", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(
          ops.getDevice({ deviceId: DEVICE }).pipe(
            Effect.provide(Client.layer({ baseUrl: "http://127.0.0.1:9", retry: false }, transport))
          )
        )
        assert.strictEqual(error._tag, "TransportError")
        assert.strictEqual((error as ParticleError.TransportError).reason, "Network")
        assert.include(error.message, "GET http://127.0.0.1:9/v1/devices/")
      }))
  })
}
