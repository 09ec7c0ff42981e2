import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { json, TestServer } from "./support/TestServer.js"

for (const transport of Client.transports) {
  layer(Client.layer({ retry: false }, transport))(`decoding (${transport})`, (it) => {
    it.effect("a body that does not match names the failing path", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) =>
          json(res, 200, {
            devices: [{ id: "a", name: "x", online: true }, { id: "b", name: "y", online: "yes" }],
            meta: { total_pages: 1 }
          })
        )
        const error = yield* Effect.flip(ops.listDevices({ product: 1 }))
        assert.strictEqual(error._tag, "DecodeError")
        const e = error as { path: string; status: number; issue: string }
        assert.strictEqual(e.path, "devices.1.online")
        assert.strictEqual(e.status, 200)
        assert.include(error.message, "devices.1.online")
      }))

    it.effect("a missing required field is a DecodeError; extra fields are tolerated", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => json(res, 200, { id: "a", online: true, extra: [1, 2] }))
        const error = yield* Effect.flip(ops.getDevice({ deviceId: "gongbot" }))
        assert.strictEqual(error._tag, "DecodeError")
        assert.strictEqual((error as { path: string }).path, "name")
        assert.strictEqual((error as { issue: string }).issue, "is missing")
        yield* server.handle((_, res) => json(res, 200, { id: "a", name: null, online: true, extra: [1, 2] }))
        assert.deepStrictEqual(yield* ops.getDevice({ deviceId: "gongbot" }), { id: "a", name: null, online: true })
      }))

    it.effect("a 200 whose body is not JSON is a DecodeError", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) =>
          res.writeHead(200, { "content-type": "application/json" }).end("{\"id\": \"a\"")
        )
        const error = yield* Effect.flip(ops.getDevice({ deviceId: "gongbot" }))
        assert.strictEqual(error._tag, "DecodeError")
        assert.include(error.message, "not valid JSON")
      }))
  })
}
