import { Operation, type ParticleClient, ParticleError, ParticleRequest } from "@effect-particle/core"
import { assert, it as plain, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Metric from "effect/Metric"
import * as Stream from "effect/Stream"
import * as Client from "./support/client.js"
import { adjust, isDone, settle, waitUntil } from "./support/clock.js"
import * as ops from "./support/ops.js"
import { json, start as startServer, TestServer } from "./support/TestServer.js"

const DEVICE = "0123456789abcdef01234567"

const last = Effect.map(TestServer, (server) => server.requests[server.requests.length - 1]!)

for (const transport of Client.transports) {
  // one middleware, on every request of both kinds: it adds a header and counts the responses by status
  const counter = Metric.counter(`particle_responses_${transport}`)
  const seen: Array<string> = []
  const middleware: ParticleClient.Middleware = (request, next) =>
    next(ParticleRequest.setHeader(request, "X-Tenant", "acme")).pipe(
      Effect.tap((response) => {
        seen.push(`${request.method} ${response.status} ${String(request.accessToken)}`)
        return Metric.increment(counter)
      })
    )

  layer(Client.layer({ retry: false, middleware }, transport))(`operations (${transport})`, (it) => {
    it.effect("a middleware sees every request, short calls and event streams alike, and never the token", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        seen.length = 0
        yield* server.handle((req, res) => {
          if (req.path.endsWith("/events")) {
            res.writeHead(200, { "content-type": "text/event-stream" })
            res.end(":ok\n\n")
          } else json(res, 200, { id: DEVICE, name: null, online: true })
        })
        const before = (yield* Metric.value(counter)).count
        yield* ops.getDevice({ deviceId: DEVICE })
        const body = yield* Effect.scoped(Effect.flatMap(ops.events({ deviceId: DEVICE }), Stream.runCollect))
        assert.strictEqual(new TextDecoder().decode(Chunk.toArray(body)[0]), ":ok\n\n")
        assert.deepStrictEqual(server.requests.map((r) => [r.path, r.headers["x-tenant"]]), [
          [`/v1/devices/${DEVICE}`, "acme"],
          [`/v1/devices/${DEVICE}/events`, "acme"]
        ])
        assert.strictEqual((yield* Metric.value(counter)).count - before, 2)
        // the token reached the server, but the middleware only ever saw it redacted
        assert.strictEqual(server.requests[0]!.headers.authorization, `Bearer ${Client.TOKEN}`)
        assert.deepStrictEqual(seen, ["GET 200 <redacted>", "GET 200 <redacted>"])
      }))

    it.effect("409 and 422 are Conflict and UnprocessableEntity where documented, UnexpectedStatus elsewhere", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        for (const [status, tag] of [[409, "Conflict"], [422, "UnprocessableEntity"]] as const) {
          yield* server.handle((_, res) => json(res, status, { error: "nope", error_description: `status ${status}` }))
          const error = yield* Effect.flip(ops.createLedger({ name: "a" }))
          assert.strictEqual(error._tag, tag)
          assert.strictEqual((error as ParticleError.Conflict).status, status)
          assert.include(error.message, `status ${status}`)
          const undocumented = yield* Effect.flip(ops.callFunction({ deviceId: DEVICE, name: "f" }))
          assert.strictEqual(undocumented._tag, "UnexpectedStatus")
        }
      }))

    it.effect("a file response carries the bytes, the headers, the content type and the filename", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => {
          res.writeHead(200, {
            "content-type": "application/octet-stream",
            "content-disposition": "attachment; filename=\"firmware-3.bin\"",
            "x-firmware-version": "3"
          })
          res.end(Buffer.from([1, 2, 3]))
        })
        const file = yield* ops.downloadProductFirmware({ product: 4242, version: 3 })
        assert.deepStrictEqual(Array.from(file.bytes), [1, 2, 3])
        assert.strictEqual(file.filename, "firmware-3.bin")
        assert.strictEqual(file.contentType, "application/octet-stream")
        assert.strictEqual(file.headers["x-firmware-version"], "3")
        assert.strictEqual((yield* last).path, "/v1/products/4242/firmware/3/binary")
      }))

    it.effect("an absolute URL gets the token under the base URL only, never on another host", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        const other = yield* startServer("127.0.0.2")
        yield* server.handle((_, res) => res.writeHead(200).end(Buffer.from("here")))
        yield* other.handle((_, res) => res.writeHead(200).end(Buffer.from("there")))
        const here = yield* ops.downloadFile({ uri: `${server.url}/v1/libraries/x.tar.gz?v=1` })
        assert.strictEqual(new TextDecoder().decode(here), "here")
        assert.strictEqual((yield* last).headers.authorization, `Bearer ${Client.TOKEN}`)
        assert.strictEqual((yield* last).url, "/v1/libraries/x.tar.gz?v=1")
        const there = yield* ops.downloadFile({ uri: `${other.url}/archive.tar.gz` })
        assert.strictEqual(new TextDecoder().decode(there), "there")
        assert.strictEqual(other.requests.length, 1)
        assert.isUndefined(other.requests[0]!.headers.authorization)
        // a host that merely starts like the base URL is another host
        const lookalike = yield* Effect.either(ops.downloadFile({ uri: `${server.url}0/x` }))
        assert.isTrue(Either.isLeft(lookalike))
        for (const uri of ["not a url", "ftp://127.0.0.1/x", "/relative/path"]) {
          const error = yield* Effect.flip(ops.downloadFile({ uri }))
          assert.strictEqual(error._tag, "InvalidInput")
          assert.strictEqual((error as ParticleError.InvalidInput).field, "uri")
        }
      }).pipe(Effect.scoped))

    it.effect("a JSON body can carry another JSON content type; multipart part names are data", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => res.writeHead(204).end())
        yield* ops.setConfig({ product: 7 })
        const put = yield* last
        assert.strictEqual(put.headers["content-type"], "application/schema+json")
        assert.deepStrictEqual(JSON.parse(put.body.toString()), { a: 1 })
        yield* server.handle((_, res) => json(res, 200, { ok: true }))
        yield* ops.compile({ files: { "a.bin": new Uint8Array([7]), "b.bin": new Uint8Array([8]) } })
        const body = (yield* last).body.toString("latin1")
        assert.match(body, /name="binary"; filename="a\.bin"/)
        assert.match(body, /name="binary"; filename="b\.bin"/)
        assert.match(body, /name="n"\r\n\r\n1\r\n/)
        assert.notInclude(body, "skipped")
        // a part over its maxBytes never leaves the client
        const before = server.requests.length
        const tooBig = yield* Effect.flip(ops.compile({ files: { "big.bin": new Uint8Array(5) } }))
        assert.strictEqual(tooBig._tag, "InvalidInput")
        assert.strictEqual((tooBig as ParticleError.InvalidInput).field, "files.big.bin")
        assert.strictEqual(server.requests.length, before)
      }))

    it.effect("an event stream that is refused fails with the typed error of its status", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => json(res, 404, { ok: false, error: "Device not found" }))
        const error = yield* Effect.flip(Effect.scoped(ops.events({ deviceId: DEVICE })))
        assert.strictEqual(error._tag, "NotFound")
        assert.include(error.message, "Device not found")
      }))

    it.effect("dot segments and a polluted Object.prototype never change the route", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => json(res, 200, { return_value: 1 }))
        for (const name of [".", ".."]) {
          const error = yield* Effect.flip(ops.callFunction({ deviceId: DEVICE, name }))
          assert.strictEqual(error._tag, "InvalidInput")
          assert.strictEqual((error as ParticleError.InvalidInput).field, "name")
        }
        assert.strictEqual(server.requests.length, 0)
        yield* server.handle((_, res) => json(res, 200, { id: DEVICE, name: null, online: true }))
        const proto = Object.prototype as Record<string, unknown>
        proto.product = "polluted"
        try {
          yield* ops.getDevice({ deviceId: DEVICE })
        } finally {
          delete proto.product
        }
        assert.strictEqual((yield* last).path, `/v1/devices/${DEVICE}`)
      }))
  })
}

for (const transport of Client.transports) {
  layer(Client.layer({ retry: { base: "1 second" } }, transport))(`idempotency (${transport})`, (it) => {
    it.effect("a PUT declared idempotent is retried through a 503", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => server.requests.length === 1 ? json(res, 503, {}) : res.writeHead(204).end())
        const fiber = yield* Effect.fork(ops.setConfig({ product: 1 }))
        for (let i = 0; i < 20 && !(yield* isDone(fiber)); i++) {
          yield* settle
          yield* adjust("2 seconds")
        }
        yield* Fiber.join(fiber)
        assert.strictEqual(server.requests.length, 2)
      }))

    it.effect("any other PUT is never retried", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        yield* server.handle((_, res) => json(res, 503, {}))
        const error = yield* Effect.flip(ops.rename({ deviceId: DEVICE }))
        assert.strictEqual(error._tag, "ServerError")
        yield* adjust("1 minute")
        yield* settle
        assert.strictEqual(server.requests.length, 1)
      }))
  })
}

// the fetch layer's timeouts run on Effect's clock: the TestClock shows the longer per-operation timeout
layer(Client.layer({ retry: false, timeout: "1 second" }, "fetch"))("per-operation timeout", (it) => {
  it.effect("an operation that documents a longer timeout gets it; the client's shorter one does not apply", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.reset
      yield* server.handle(() => {
        // never answer
      })
      const fiber = yield* Effect.fork(Effect.flip(ops.compile({ files: { "a.bin": new Uint8Array([1]) } })))
      yield* waitUntil(() => server.requests.length === 1, "the request")
      yield* adjust("9 seconds")
      yield* settle
      assert.isFalse(yield* isDone(fiber))
      yield* adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TransportError")
      assert.include(error.message, "within 10s")
    }))
})

plain("routes: optional segments, the first applicable route, and requestPath without a request", () => {
  const path = (options: unknown) => Operation.requestPath(ops.events, options)
  assert.deepStrictEqual(path({ deviceId: "mine" }), Either.right("/v1/devices/events"))
  assert.deepStrictEqual(path({ deviceId: "mine", name: "a/b c" }), Either.right("/v1/devices/events/a%2Fb%20c"))
  assert.deepStrictEqual(path({ deviceId: DEVICE }), Either.right(`/v1/devices/${DEVICE}/events`))
  assert.deepStrictEqual(
    Operation.requestPath(ops.getDevice, { deviceId: DEVICE, org: "acme", product: 3 }),
    Either.right(`/v1/orgs/acme/devices/${DEVICE}`)
  )
  const missing = Operation.requestPath(ops.listDevices, {})
  assert.isTrue(Either.isLeft(missing) && missing.left.field === "product")
  const dot = path({ deviceId: "mine", name: ".." })
  assert.isTrue(Either.isLeft(dot) && dot.left.field === "name")
  assert.deepStrictEqual(Operation.routes(ops.events.definition), [
    "/v1/devices/events{/name}",
    "/v1/devices/{deviceId}/events{/name}"
  ])
  assert.deepStrictEqual(Operation.documentedErrorTags(ops.createLedger.definition), [
    "Unauthorized",
    "Forbidden",
    "Conflict",
    "UnprocessableEntity"
  ])
})

plain("the error vocabulary is one array: every class carries its status, tags and retryability derive from it", () => {
  const statuses = ParticleError.httpStatusClasses.map((c) => [c._tag, c.status])
  assert.deepStrictEqual(statuses, [
    ["BadRequest", 400],
    ["Unauthorized", 401],
    ["Forbidden", 403],
    ["NotFound", 404],
    ["DeviceTimeout", 408],
    ["Conflict", 409],
    ["UnprocessableEntity", 422],
    ["RateLimited", 429],
    ["ServerError", "5xx"],
    ["UnexpectedStatus", "other"]
  ])
  assert.deepStrictEqual([...ParticleError.retryableTags].sort(), ["RateLimited", "ServerError", "TransportError"])
  assert.strictEqual(ParticleError.classes.length, 13)
})

layer(Client.layer({ retry: false }, "node"))("raw responses", (it) => {
  it.effect("Operation.raw answers status, headers and the body as it came; errors stay typed", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) =>
        json(res, 201, { id: DEVICE, name: null, online: true, extra: { kept: [1] } }, { "x-a": "b" })
      )
      const raw = yield* Operation.raw(ops.getDevice)({ deviceId: DEVICE })
      assert.strictEqual(raw.status, 201)
      assert.strictEqual(raw.headers["x-a"], "b")
      // unknown fields are kept (the typed operation would drop them)
      assert.deepStrictEqual(raw.body, { id: DEVICE, name: null, online: true, extra: { kept: [1] } })
      yield* server.handle((_, res) => res.writeHead(200).end(Buffer.from([1, 2])))
      const bytes = yield* Operation.raw(ops.download)({ binaryId: "b" })
      assert.deepStrictEqual(Array.from(bytes.body as Uint8Array), [1, 2])
      yield* server.handle((_, res) => res.writeHead(204).end())
      assert.deepStrictEqual((yield* Operation.raw(ops.remove)({ deviceId: DEVICE, product: 1 })).body, {})
      yield* server.handle((_, res) => json(res, 404, { error: "nope" }))
      const error = yield* Effect.flip(Operation.raw(ops.getDevice)({ deviceId: DEVICE }))
      assert.strictEqual(error._tag, "NotFound")
      // made once per operation; a stream operation is its own raw form
      assert.strictEqual(Operation.raw(ops.getDevice), Operation.raw(ops.getDevice))
      assert.strictEqual(Operation.raw(ops.events) as unknown, ops.events)
    }))
})
