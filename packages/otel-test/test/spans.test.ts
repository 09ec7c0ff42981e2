// The client's spans through @effect/opentelemetry (NodeSdk) into an in-memory exporter, against the
// simulator: one span per operation with its method, route template and status, one per event-stream
// connection, and no token, password or other secret anywhere in them.
import { deleteAccessToken, login } from "@effect-particle/auth"
import { getVariable, listDevices } from "@effect-particle/devices"
import { stream } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import * as Testing from "@effect-particle/testing"
import { NodeSdk } from "@effect/opentelemetry"
import { assert, describe, it } from "@effect/vitest"
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"

const exporter = new InMemorySpanExporter()
const Tracing = NodeSdk.layer(() => ({
  resource: { serviceName: "effect-particle-otel-test" },
  spanProcessor: new SimpleSpanProcessor(exporter)
}))

const particleSpans = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === `particle.${name}`)

/** Everything a span carries that could leak: name, attributes, events, status, links, resource. */
const rendering = (span: ReadableSpan) =>
  JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
    resource: span.resource.attributes
  })

describe("OpenTelemetry spans", () => {
  it.live(
    "one span per operation and per event-stream connection, with method, route and status; no secret in any",
    () =>
      Effect.gen(function*() {
        exporter.reset()
        const sim = yield* Simulator.Simulator
        const device = sim.seed.devices.online
        const variable = Object.keys(device.variables)[0]!

        yield* getVariable({ deviceId: device.id, name: variable })
        const missing = yield* Effect.flip(getVariable({ deviceId: device.id, name: "no_such_variable" }))
        assert.strictEqual(missing._tag, "NotFound")
        yield* listDevices({})
        // secrets in a body (the password) and in an answer (the new token), and a token in a path
        const session = yield* login({ username: sim.seed.user.username, password: sim.seed.user.password })
        const issued = Redacted.value(session.access_token)
        yield* deleteAccessToken({ token: issued }).pipe(Effect.ignore)

        // an event stream whose first connection the simulator drops after one event: two connections
        sim.setFault({ kind: "sseDrop", afterEvents: 1 })
        const consumer = yield* Effect.fork(
          stream({ deviceId: "mine", reconnect: { initialDelay: "10 millis", jitter: false } }).pipe(
            Stream.take(2),
            Stream.runCollect
          )
        )
        const opens = () => sim.requests().filter((r) => r.path === "/v1/devices/events").length
        yield* Testing.waitUntil(() => sim.sseConnections() === 1, "the first connection")
        sim.publish({ deviceId: device.id, name: "first", data: "1" })
        yield* Testing.waitUntil(() => opens() === 2 && sim.sseConnections() === 1, "the reconnection")
        sim.publish({ deviceId: device.id, name: "second", data: "2" })
        const events = yield* Fiber.join(consumer)
        assert.deepStrictEqual(Chunk.toReadonlyArray(events).map((e) => e.name), ["first", "second"])
        yield* Testing.waitUntil(() => particleSpans("openEventStream").length === 2, "the second connection's span")

        const attributes = (span: ReadableSpan) => ({
          method: span.attributes["http.request.method"],
          route: span.attributes["http.route"],
          status: span.attributes["http.response.status_code"]
        })
        const seen = exporter.getFinishedSpans()
          .filter((s) => s.name.startsWith("particle."))
          .map((s) => ({ name: s.name, kind: s.kind, ...attributes(s) }))
        console.log(JSON.stringify(seen, null, 1))

        const variables = particleSpans("getVariable").map(attributes)
        assert.deepStrictEqual(variables, [
          { method: "GET", route: "/v1/devices/{deviceId}/{name}", status: 200 },
          { method: "GET", route: "/v1/devices/{deviceId}/{name}", status: 404 }
        ])
        // the failed call's span is an error (its message, scrubbed of tokens by the client, in an event)
        assert.deepStrictEqual(particleSpans("getVariable").map((s) => s.status.code), [1, 2]) // OK, ERROR
        assert.deepStrictEqual(particleSpans("listDevices").map(attributes), [
          { method: "GET", route: "/v1/devices", status: 200 }
        ])
        assert.deepStrictEqual(particleSpans("login").map(attributes), [
          { method: "POST", route: "/oauth/token", status: 200 }
        ])
        const revoke = particleSpans("deleteAccessToken").map(attributes)
        assert.strictEqual(revoke.length, 1)
        assert.deepStrictEqual({ ...revoke[0], status: undefined }, {
          method: "DELETE",
          route: "/v1/access_tokens/{token}",
          status: undefined
        })
        assert.isNumber(revoke[0]!.status)
        const streams = particleSpans("openEventStream").map(attributes)
        assert.deepStrictEqual(streams, [
          { method: "GET", route: "/v1/devices/events{/name}", status: 200 },
          { method: "GET", route: "/v1/devices/events{/name}", status: 200 }
        ])
        // a client span per call, each its own trace root here
        for (const span of exporter.getFinishedSpans().filter((s) => s.name.startsWith("particle."))) {
          assert.strictEqual(span.kind, 2, /* SpanKind.CLIENT */ span.name)
        }

        // no secret in any span: the client's token, the password, the token login issued (also revoked by path)
        const secrets = [sim.accessToken, sim.seed.user.password, issued, sim.seed.otherUser.accessToken]
        const spans = exporter.getFinishedSpans()
        assert.strictEqual(spans.filter((s) => s.name.startsWith("particle.")).length, 7)
        for (const span of spans) {
          const text = rendering(span)
          for (const secret of secrets) assert.notInclude(text, secret, `${span.name} carries a secret`)
          assert.notMatch(text, /access_token=|Bearer /i, span.name)
        }
      }).pipe(Effect.provide(Tracing), Effect.provide(Testing.layer({ simulator: { keepAliveIntervalMs: 50 } }))),
    { timeout: 30_000 }
  )
})
