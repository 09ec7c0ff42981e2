import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Client from "./support/client.js"
import { adjust, settle, waitUntil } from "./support/clock.js"
import * as ops from "./support/ops.js"
import { TestServer } from "./support/TestServer.js"

// budget: 40 requests per minute, held by the client for every fiber
layer(Client.layer({ rateLimit: { limit: 40, interval: "1 minute" }, timeout: "1 hour" }))("rate limit", (it) => {
  it.effect("a burst of 400 concurrent calls is held to its budget in every window", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const fiber = yield* Effect.fork(
        Effect.forEach(
          Array.from({ length: 400 }, () => 0),
          () => ops.getDevice({ deviceId: "gongbot" }).pipe(Effect.orElseSucceed(() => undefined)),
          { concurrency: "unbounded", discard: true }
        )
      )
      for (let window = 1; window <= 10; window++) {
        yield* waitUntil(() => server.requests.length === window * 40, `window ${window}`)
        yield* settle
        // nothing beyond the budget leaks out while the clock stands still
        assert.strictEqual(server.requests.length, window * 40)
        yield* adjust("59 seconds")
        yield* settle
        assert.strictEqual(server.requests.length, window * 40)
        yield* adjust("1 second")
      }
      yield* Fiber.join(fiber)
      assert.strictEqual(server.requests.length, 400)
    }), { timeout: 120_000 })
})
