import * as NodeParticle from "@effect-particle/core/node"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestServices from "effect/TestServices"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as ops from "./support/ops.js"
import { json, start, TestServer } from "./support/TestServer.js"
import * as TestServerModule from "./support/TestServer.js"

const TOKEN = "0123456789abcdef0123456789abcdef01234567"
const DEVICE = "0123456789abcdef01234567"

// the same operations over the node:http transport of @effect-particle/core/node
const NodeLayer = Layer.unwrapEffect(
  Effect.map(
    TestServer,
    (server) =>
      NodeParticle.layer({
        baseUrl: server.url,
        accessToken: Redacted.make(TOKEN),
        retry: false,
        timeout: "300 millis"
      })
  )
).pipe(Layer.provideMerge(TestServerModule.layer))

const last = Effect.map(TestServer, (server) => server.requests[server.requests.length - 1]!)

layer(NodeLayer)("node:http transport", (it) => {
  it.effect("JSON request and response, with auth and User-Agent", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) => json(res, 200, { id: DEVICE, name: "n", online: true }))
      assert.deepStrictEqual(yield* ops.getDevice({ deviceId: DEVICE }), { id: DEVICE, name: "n", online: true })
      const request = yield* last
      assert.strictEqual(request.headers.authorization, `Bearer ${TOKEN}`)
      assert.match(request.headers["user-agent"] ?? "", /^effect-particle\//)
      yield* server.handle((_, res) => json(res, 200, { return_value: 3 }))
      yield* ops.callFunction({ deviceId: DEVICE, name: "f", argument: "é" })
      const post = yield* last
      assert.strictEqual(post.headers["content-length"], String(Buffer.byteLength("{\"args\":\"é\"}")))
      assert.deepStrictEqual(JSON.parse(post.body.toString()), { args: "é" })
    }))

  it.effect("reads upload files from paths; a missing file is an InvalidInput before any request", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) => json(res, 200, { status: "Update started" }))
      const dir = mkdtempSync(join(tmpdir(), "ep-core-"))
      const path = join(dir, "firmware.bin")
      writeFileSync(path, Buffer.from([1, 2, 3, 4]))
      yield* ops.flash({ deviceId: DEVICE, files: { "firmware.bin": path }, targetVersion: "5.0.0" })
      const request = yield* last
      const body = request.body.toString("latin1")
      assert.include(
        body,
        "name=\"file\"; filename=\"firmware.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n\x01\x02\x03\x04\r\n"
      )
      assert.match(body, /name="build_target_version"\r\n\r\n5\.0\.0\r\n/)
      const before = server.requests.length
      const error = yield* Effect.flip(ops.flash({ deviceId: DEVICE, files: { "app.bin": join(dir, "missing.bin") } }))
      assert.strictEqual(error._tag, "InvalidInput")
      assert.strictEqual((error as { field: string }).field, "files.app.bin")
      assert.strictEqual(server.requests.length, before)
    }))

  it.effect("binary, 204 and HEAD responses; HTML error text kept", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((req, res) => {
        if (req.method === "DELETE") res.writeHead(204).end()
        else if (req.method === "HEAD") res.writeHead(200).end()
        else if (req.path.startsWith("/v1/binaries")) res.writeHead(200).end(Buffer.from([9, 8, 7]))
        else res.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad Gateway</h1>")
      })
      assert.deepStrictEqual(Array.from(yield* ops.download({ binaryId: "b" })), [9, 8, 7])
      assert.isUndefined(yield* ops.remove({ deviceId: DEVICE, product: 3 }))
      assert.isUndefined(yield* ops.check({ iccid: "1" }))
      const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
      assert.strictEqual(error._tag, "ServerError")
      assert.include(error.message, "<h1>Bad Gateway</h1>")
      assert.strictEqual((error as { body: unknown }).body, "<h1>Bad Gateway</h1>")
    }))

  it.effect("never follows a redirect to another host", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const other = yield* start("127.0.0.2")
      yield* server.handle((_, res) => res.writeHead(307, { location: `${other.url}/x` }).end())
      const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
      assert.strictEqual(error._tag, "UnexpectedStatus")
      assert.strictEqual(other.requests.length, 0)
    }).pipe(Effect.scoped))

  it.effect("a connection cut in the middle of the body is a TransportError (reason Body), not a hang", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" })
        res.write("{\"id\": \"0123")
        setTimeout(() => res.socket?.destroy(), 20)
      })
      const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual((error as { reason: string }).reason, "Body")
    }))

  // on the real clock (the layer's tests run on the TestClock): the transport times out on a plain timer
  it.effect("an interrupted call closes its socket at once; a silent server still times out", () =>
    TestServices.provideLive(
      Effect.gen(function*() {
        // a server of its own, so that its socket count is only this test's
        const server = yield* start()
        yield* server.handle(() => {}) // never answers
        const calls = Effect.gen(function*() {
          const fiber = yield* Effect.fork(ops.getDevice({ deviceId: DEVICE }))
          while (server.requests.length === 0) yield* Effect.sleep("5 millis")
          assert.strictEqual(server.sockets.open, 1)
          yield* Fiber.interrupt(fiber)
          for (let i = 0; i < 100 && server.sockets.open > 0; i++) yield* Effect.sleep("5 millis")
          assert.strictEqual(server.sockets.open, 0, "the socket is closed, not left to the 300 ms timer")
          // the next call, on a new socket, times out (the exchange of the interrupted one is gone)
          const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
          assert.strictEqual(error._tag, "TransportError")
          assert.strictEqual((error as { reason: string }).reason, "Timeout")
        })
        yield* Effect.provide(
          calls,
          NodeParticle.layer({
            baseUrl: server.url,
            accessToken: Redacted.make(TOKEN),
            retry: false,
            timeout: "300 millis"
          })
        )
      }).pipe(Effect.scoped)
    ))

  it.effect("a kept-alive socket the server reset on reuse: a GET is sent again on a new socket, a POST is not", () =>
    Effect.gen(function*() {
      // a server and a client of their own, so that no socket of another test is in the pool
      const server = yield* start()
      // the server answers the first request of each socket and resets the socket on its second one
      const served = new WeakMap<object, number>()
      yield* server.handle((_, res) => {
        const socket = res.socket!
        const count = (served.get(socket) ?? 0) + 1
        served.set(socket, count)
        if (count === 1) json(res, 200, { id: DEVICE, name: "n", online: true })
        else socket.resetAndDestroy()
      })
      const calls = Effect.gen(function*() {
        yield* ops.getDevice({ deviceId: DEVICE })
        const opened = server.sockets.opened
        assert.deepStrictEqual(yield* ops.getDevice({ deviceId: DEVICE }), { id: DEVICE, name: "n", online: true })
        assert.strictEqual(server.requests.filter((r) => r.method === "GET").length, 3, "sent once more")
        assert.strictEqual(server.sockets.opened, opened + 1, "on a new socket")
        const error = yield* Effect.flip(ops.callFunction({ deviceId: DEVICE, name: "f", argument: "x" }))
        assert.strictEqual(error._tag, "TransportError")
        assert.strictEqual(server.requests.filter((r) => r.method === "POST").length, 1, "a POST is never resent")
      })
      yield* Effect.provide(
        calls,
        NodeParticle.layer({ baseUrl: server.url, accessToken: Redacted.make(TOKEN), retry: false })
      )
    }).pipe(Effect.scoped))
})
