import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Client from "./support/client.js"
import { adjust, waitUntil } from "./support/clock.js"
import * as ops from "./support/ops.js"
import { TestServer } from "./support/TestServer.js"

layer(Client.layer({ timeout: "5 seconds", retry: false }))("timeouts", (it) => {
  it.effect("a server that never answers becomes a TransportError with reason Timeout", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle(() => {
        // never answer
      })
      const fiber = yield* Effect.fork(Effect.flip(ops.getDevice({ deviceId: "0123456789abcdef01234567" })))
      yield* waitUntil(() => server.requests.length === 1, "the request")
      yield* adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason: string }).reason, "Timeout")
      assert.include(error.message, "within 5s")
    }))
})
