import { ParticleClient } from "@effect-particle/core"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { json, TestServer } from "./support/TestServer.js"

const SECRET = "feedfacefeedfacefeedfacefeedfacefeedface"

// A tracer that keeps every span, to look for the token in names and attributes.
const spans: Array<{ name: string; attributes: ReadonlyMap<string, unknown> }> = []
const RecordingTracer = Layer.setTracer(Tracer.make({
  span(name, parent, context, links, startTime, kind) {
    const attributes = new Map<string, unknown>()
    const span: Tracer.Span = {
      _tag: "Span",
      name,
      spanId: `span${spans.length}`,
      traceId: "trace",
      parent,
      context,
      status: { _tag: "Started", startTime },
      attributes,
      links,
      sampled: true,
      kind,
      end(endTime, exit) {
        ;(span as { status: Tracer.SpanStatus }).status = { _tag: "Ended", startTime, endTime, exit }
      },
      attribute(key, value) {
        attributes.set(key, value)
      },
      event() {},
      addLinks() {}
    }
    spans.push(span)
    return span
  },
  context: (f) => f()
}))

const logLines: Array<string> = []
const RecordingLogger = Logger.replace(
  Logger.defaultLogger,
  Logger.make(({ message, cause }) => {
    logLines.push(Inspectable.format(message) + " " + Inspectable.format(cause))
  })
)

layer(
  Layer.mergeAll(Client.layer({ accessToken: Redacted.make(SECRET), retry: false }), RecordingTracer, RecordingLogger)
)(
  "the token stays secret",
  (it) => {
    it.effect("not in an error's message, toString, JSON, a span or a log line", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) =>
          json(res, 401, { error: "invalid_token", error_description: "The access token provided is invalid." })
        )
        const error = yield* Effect.flip(ops.getDevice({ deviceId: "gongbot" }))
        assert.strictEqual(error._tag, "Unauthorized")
        // the token did go out, in the header only
        assert.strictEqual(server.requests[0]!.headers.authorization, `Bearer ${SECRET}`)
        yield* Effect.logError("request failed", error)
        yield* Effect.logError(error)

        const renderings = [
          error.message,
          String(error),
          error.toString(),
          JSON.stringify(error),
          Inspectable.format(error),
          JSON.stringify(error.toJSON()),
          ...logLines,
          ...spans.flatMap((span) => [span.name, ...[...span.attributes].map(([k, v]) => `${k}=${String(v)}`)])
        ]
        assert.isAbove(logLines.length, 1)
        assert.isAbove(spans.length, 0)
        for (const text of renderings) assert.notInclude(text, SECRET)
      }))

    it.effect("one span per operation, with method, route template and status", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => json(res, 200, { id: "a", name: null, online: true }))
        spans.length = 0
        yield* ops.getDevice({ deviceId: "gongbot", product: 42 })
        assert.strictEqual(spans.length, 1)
        const span = spans[0]!
        assert.strictEqual(span.name, "particle.getDevice")
        assert.strictEqual(span.attributes.get("http.request.method"), "GET")
        assert.strictEqual(span.attributes.get("http.route"), "/v1/products/{product}/devices/{deviceId}")
        assert.strictEqual(span.attributes.get("http.response.status_code"), 200)
      }))

    it.effect("a per-call token stays out of errors too", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => json(res, 403, { error: "Permission Denied" }))
        const other = "0000111122223333444455556666777788889999"
        const error = yield* Effect.flip(
          ops.getDevice({ deviceId: "gongbot" }).pipe(ParticleClient.withAccessToken(Redacted.make(other)))
        )
        for (const text of [error.message, String(error), JSON.stringify(error)]) {
          assert.notInclude(text, other)
          assert.notInclude(text, SECRET)
        }
      }))
  }
)
