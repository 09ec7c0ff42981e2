import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Client from "./support/client.js"
import { adjust, waitUntil } from "./support/clock.js"
import * as ops from "./support/ops.js"
import { TestServer } from "./support/TestServer.js"

const DEVICE = "0123456789abcdef01234567"

/** Whether the server's response was closed (by the client aborting, or its socket closing). */
const watched = () => {
  const state = {
    closed: false,
    watch: (_: unknown, res: { once: (event: "close", f: () => void) => unknown }) => {
      res.once("close", () => {
        state.closed = true
      })
    }
  }
  return state
}

// the fetch layer times out on Effect's clock, so the TestClock drives it
layer(Client.layer({ timeout: "5 seconds", retry: false }, "fetch"))("timeouts (fetch, TestClock)", (it) => {
  it.effect("a server that never answers becomes a TransportError with reason Timeout", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle(() => {
        // never answer
      })
      const fiber = yield* Effect.fork(Effect.flip(ops.getDevice({ deviceId: DEVICE })))
      yield* waitUntil(() => server.requests.length === 1, "the request")
      yield* adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason: string }).reason, "Timeout")
      assert.include(error.message, "within 5s")
    }))

  it.effect("a body that stalls after its first bytes becomes a Timeout, and the request is aborted", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const response = watched()
      yield* server.handle((req, res) => {
        response.watch(req, res)
        res.writeHead(200, { "content-type": "application/json" })
        res.write("{\"id\":")
      })
      const fiber = yield* Effect.fork(Effect.flip(ops.getDevice({ deviceId: DEVICE })))
      yield* waitUntil(() => server.requests.length === 1, "the request")
      yield* adjust("5 seconds")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual((error as { reason: string }).reason, "Timeout")
      yield* waitUntil(() => response.closed, "the server to see the request aborted")
    }))
})

// the node and web transports time out on a plain timer (no forked fiber per call), so on the real clock
for (const transport of ["node", "web"] as const) {
  layer(Client.layer({ timeout: "300 millis", retry: false }, transport))(
    `timeouts (${transport}, real clock)`,
    (it) => {
      it.effect("a server that never answers becomes a TransportError with reason Timeout, and the socket is closed", () =>
        Effect.gen(function*() {
          const server = yield* TestServer
          const response = watched()
          yield* server.handle(response.watch)
          const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
          assert.strictEqual(error._tag, "TransportError")
          assert.strictEqual((error as { reason: string }).reason, "Timeout")
          assert.include(error.message, "within 300ms")
          yield* waitUntil(() => response.closed, "the server to see the socket close")
        }))
    }
  )
}
