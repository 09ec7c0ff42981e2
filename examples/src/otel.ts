/**
 * The client's spans in OpenTelemetry: `@effect/opentelemetry`'s `NodeSdk` with a span exporter.
 *
 * - With `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) set, spans go to that OTLP
 *   collector over HTTP (e.g. `http://localhost:4318` for a local OpenTelemetry Collector or Jaeger);
 *   otherwise each finished span is printed as one line.
 * - With no `PARTICLE_ACCESS_TOKEN`, it runs against the embedded simulator (on 127.0.0.1); with it, against
 *   `PARTICLE_API_URL` (default the real cloud), read-only.
 * - With `REDIS_URL` set, the client's rate limits are kept in that Redis (`@effect-particle/redis`), shared
 *   with every other instance using it.
 *
 * Run it: `npx --yes pnpm@10.34.9 --filter @effect-particle/examples otel`.
 */
import * as NodeParticle from "@effect-particle/core/node"
import { getVariable, listDevices } from "@effect-particle/devices"
import { stream } from "@effect-particle/events"
import { RedisRateLimit } from "@effect-particle/redis"
import { Simulator } from "@effect-particle/simulator"
import { NodeSdk } from "@effect/opentelemetry"
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http"
import {
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter
} from "@opentelemetry/sdk-trace-base"
import { Console, Effect, Fiber, Layer, Option, Redacted, Stream } from "effect"

/** Prints one line per span: name, method, route template, status, duration. */
const lineExporter: SpanExporter = {
  export: (spans: Array<ReadableSpan>, done) => {
    for (const span of spans) {
      const a = span.attributes
      const millis = span.duration[0] * 1e3 + span.duration[1] / 1e6
      const http = a["http.request.method"] === undefined
        ? ""
        : `${a["http.request.method"]} ${a["http.route"]} → ${a["http.response.status_code"] ?? "-"}`
      console.log(`  span ${span.name.padEnd(26)} ${http.padEnd(48)} ${millis.toFixed(1)} ms`)
    }
    done({ code: 0 })
  },
  shutdown: () => Promise.resolve()
}

const otlp = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT

const Tracing = NodeSdk.layer(() => ({
  resource: { serviceName: "effect-particle-example" },
  // the OTLP exporter reads OTEL_EXPORTER_OTLP_* (endpoint, headers) from the environment itself
  spanProcessor: otlp ? new BatchSpanProcessor(new OTLPTraceExporter()) : new SimpleSpanProcessor(lineExporter)
}))

const rateLimiter = process.env.REDIS_URL
  ? RedisRateLimit.backend({ redis: process.env.REDIS_URL, onUnavailable: "local" })
  : undefined

const program = (simulator: Option.Option<Simulator.SimulatorHandle>) =>
  Effect.gen(function*() {
    const devices = yield* listDevices({})
    yield* Console.log(`${devices.length} devices`)
    if (Option.isNone(simulator)) return
    const sim = simulator.value
    const device = sim.seed.devices.online
    const name = Object.keys(device.variables)[0]!
    yield* getVariable({ deviceId: device.id, name })
    // a failed call is a span too, with its status (and the error, scrubbed of the token)
    yield* getVariable({ deviceId: device.id, name: "no_such_variable" }).pipe(Effect.ignore)
    // one span per event-stream connection (`particle.openEventStream`)
    const events = yield* Effect.fork(Stream.runCollect(Stream.take(stream({ deviceId: "mine" }), 1)))
    while (sim.sseConnections() === 0) yield* Effect.sleep("10 millis")
    sim.publish({ deviceId: device.id, name: "example", data: "hello" })
    yield* Fiber.join(events)
  }).pipe(Effect.withSpan("otel-example"))

const onSimulator = Effect.flatMap(Simulator.Simulator, (sim) => program(Option.some(sim))).pipe(
  Effect.provide(
    Layer.unwrapEffect(
      Effect.map(Simulator.Simulator, (sim) =>
        NodeParticle.layer({
          baseUrl: sim.url,
          accessToken: Redacted.make(sim.accessToken),
          ...(rateLimiter ? { rateLimiter } : {})
        }))
    ).pipe(Layer.provideMerge(Simulator.layer()))
  )
)

const onCloud = program(Option.none()).pipe(
  Effect.provide(NodeParticle.layerConfig(rateLimiter ? { rateLimiter } : {}))
)

const main: Effect.Effect<void, unknown> = (process.env.PARTICLE_ACCESS_TOKEN ? onCloud : onSimulator).pipe(
  Effect.provide(Tracing)
)

Effect.runPromiseExit(
  Effect.zipRight(
    Console.log(
      `spans to ${otlp ? `the OTLP collector at ${otlp}` : "the console (set OTEL_EXPORTER_OTLP_ENDPOINT to export)"}`
    ),
    main
  )
).then((exit) => {
  if (exit._tag === "Failure") {
    console.error("\notel example failed:", exit.cause.toString())
    process.exit(1)
  }
  process.exit(0)
})
