// Holes an adversarial review found: tokens leaking through errors, defects instead of typed errors, and
// unbounded memory. Each test failed before its fix.
import { ParticleClient, type ParticleError } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { assert, it as plain, layer } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FastCheck from "effect/FastCheck"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { inspect } from "node:util"
import { gzipSync } from "node:zlib"
import * as Client from "./support/client.js"
import * as ops from "./support/ops.js"
import { json, TestServer } from "./support/TestServer.js"

const DEVICE = "0123456789abcdef01234567"

/** Every way an error can be printed or serialised. */
const renderings = (error: unknown): ReadonlyArray<string> => [
  String(error),
  JSON.stringify(error),
  inspect(error, { depth: 10 }),
  Inspectable.format(error),
  JSON.stringify((error as { toJSON?: () => unknown }).toJSON?.() ?? null)
]

const layerOf = Client.layerOf

for (const transport of Client.transports) {
  layer(Client.layer({ retry: false }, transport))(`no token in any error (${transport})`, (it) => {
    it.effect("an event stream cut mid-body fails with a TransportError whose cause holds no request", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => {
          res.writeHead(200, { "content-type": "text/event-stream", "content-length": "1000" })
          res.write(":ok\n\nevent: a\n")
          setTimeout(() => res.socket?.destroy(), 20)
        })
        const exit = yield* Effect.exit(
          Effect.scoped(Effect.flatMap(ops.events({ deviceId: DEVICE }), Stream.runDrain))
        )
        assert.isTrue(Exit.isFailure(exit))
        const error = Exit.isFailure(exit) ? (exit.cause as { error?: ParticleError.ParticleError }).error : undefined
        assert.strictEqual(error?._tag, "TransportError")
        for (const text of renderings(error)) {
          assert.notInclude(text, Client.TOKEN)
          assert.notInclude(text.toLowerCase(), "authorization")
        }
      }))

    it.effect("a 403 that echoes the token keeps it in no field: info, body, message", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) =>
          json(res, 403, {
            error: "Permission Denied",
            info:
              `I didn't recognize that device name or ID, try opening https://api.particle.io/v1/devices?access_token=${Client.TOKEN}`,
            error_description: `token ${Client.TOKEN} cannot do that`,
            nested: { echo: [`Bearer ${Client.TOKEN}`] }
          })
        )
        const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
        assert.strictEqual(error._tag, "Forbidden")
        const forbidden = error as ParticleError.Forbidden
        assert.include(forbidden.info, "access_token=<redacted>")
        assert.include(forbidden.errorDescription, "<redacted>")
        for (const text of [...renderings(error), JSON.stringify(forbidden.body), forbidden.message]) {
          assert.notInclude(text, Client.TOKEN)
        }
      }))

    it.effect("a DecodeError's message is bounded, however large the mistyped value", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) =>
          json(res, 200, { id: DEVICE, name: { huge: "x".repeat(5_000_000) }, online: true })
        )
        const error = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
        assert.strictEqual(error._tag, "DecodeError")
        assert.isBelow(error.message.length, 2_000)
        assert.isBelow((error as ParticleError.DecodeError).issue.length, 1_000)
      }))

    it.effect("a response body over the bound fails with TransportError(TooLarge); an error body is kept capped", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.handle((_, res) => json(res, 200, { id: DEVICE, name: "x".repeat(20_000), online: true }))
        const clientOf = (options: ParticleClient.Options) =>
          layerOf(transport, {
            baseUrl: server.url,
            accessToken: Redacted.make(Client.TOKEN),
            retry: false,
            ...options
          })
        const small = yield* Effect.flip(
          ops.getDevice({ deviceId: DEVICE }).pipe(Effect.provide(clientOf({ maxResponseBytes: 10_000 })))
        )
        assert.strictEqual(small._tag, "TransportError")
        assert.strictEqual((small as ParticleError.TransportError).reason, "TooLarge")
        // a gzip body is bounded by what it inflates to
        yield* server.handle((_, res) => {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
          res.end(gzipSync(JSON.stringify({ id: DEVICE, name: "y".repeat(2_000_000), online: true })))
        })
        const inflated = yield* Effect.flip(
          ops.getDevice({ deviceId: DEVICE }).pipe(Effect.provide(clientOf({ maxResponseBytes: 100_000 })))
        )
        if (transport !== "node") assert.strictEqual((inflated as ParticleError.TransportError).reason, "TooLarge")
        else assert.strictEqual(inflated._tag, "DecodeError") // node:http does not inflate: the gzip bytes are not JSON
        yield* server.handle((_, res) => {
          res.writeHead(502, { "content-type": "text/html" })
          res.end("<p>" + "z".repeat(1_000_000) + "</p>")
        })
        const bad = yield* Effect.flip(ops.getDevice({ deviceId: DEVICE }))
        assert.strictEqual(bad._tag, "ServerError")
        assert.isAtMost(String((bad as ParticleError.ServerError).body).length, 64 * 1024 + 1)
        assert.isAtMost(bad.message.length, 2_200)
      }))

    it.effect("500 concurrent calls open no more sockets than maxSockets", () =>
      Effect.gen(function*() {
        const server = yield* TestServer
        yield* server.reset
        // sockets of other clients still open from earlier tests are not this client's
        const baseline = server.sockets.open
        yield* server.handle((_, res) => setTimeout(() => json(res, 200, { id: DEVICE, name: null, online: true }), 5))
        yield* Effect.forEach(
          Array.from({ length: 500 }, () => 0),
          () => ops.getDevice({ deviceId: DEVICE }),
          { concurrency: "unbounded", discard: true }
        ).pipe(Effect.provide(layerOf(transport, {
          baseUrl: server.url,
          accessToken: Redacted.make(Client.TOKEN),
          retry: false,
          rateLimit: false,
          maxSockets: 20
        })))
        assert.strictEqual(server.requests.length, 500)
        assert.isAtMost(server.sockets.maxOpen - baseline, 20)
      }).pipe(Effect.scoped), { timeout: 60_000 })
  })

  plain.effect(`layer options are validated when the layer is built (${transport})`, () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<readonly [ParticleClient.Options, string]> = [
        [{ timeout: "garbage" as any }, "timeout"],
        [{ timeout: -1 }, "timeout"],
        [{ timeout: Number.NaN }, "timeout"],
        [{ retry: { base: "garbage" as any } }, "retry.base"],
        [{ retry: { maxDelay: -5 } }, "retry.maxDelay"],
        [{ retry: { times: 1.5 } }, "retry.times"],
        [{ rateLimit: { limit: 10, interval: "garbage" as any } }, "rateLimit.interval"],
        [{ rateLimit: { limit: -1, interval: "1 minute" } }, "rateLimit.limit"],
        [{ rateLimit: { limit: 0, interval: "1 minute" } }, "rateLimit.limit"],
        [{ rateLimit: { limit: Number.NaN, interval: "1 minute" } }, "rateLimit.limit"],
        [{ rateLimit: { limit: 1e12, interval: "1 minute" } }, "rateLimit.limit"],
        [{ streamRateLimit: { limit: 5, interval: 0 } }, "streamRateLimit.interval"],
        [{ accessToken: "plain-string-token" as any }, "accessToken"],
        [{ accessToken: Redacted.make("abc\r\nX-Injected: 1") }, "accessToken"],
        [{ accessToken: Redacted.make("abc\u0000def") }, "accessToken"],
        [{ userAgent: "ua\nX: y" }, "userAgent"],
        [{ maxSockets: 0 }, "maxSockets"],
        [{ middleware: "not a function" as any }, "middleware"]
      ]
      for (const [options, field] of cases) {
        const exit = yield* Effect.exit(Layer.build(layerOf(transport, options)).pipe(Effect.scoped))
        assert.isTrue(Exit.isFailure(exit), JSON.stringify(options))
        const error = Exit.isFailure(exit) ? (exit.cause as { error?: ParticleError.InvalidInput }).error : undefined
        assert.strictEqual(error?._tag, "InvalidInput", `${field}: ${String(exit)}`)
        assert.strictEqual(error?.field, field)
        for (const text of renderings(error)) assert.notInclude(text, "abc")
      }
    }))
}

layer(Client.layer({ retry: false }, "node"))("tokens", (it) => {
  it.effect("a token with surrounding whitespace (a trailing newline from a file) is trimmed; one with control characters is InvalidInput per call", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) => json(res, 200, { id: DEVICE, name: null, online: true }))
      yield* ops.getDevice({ deviceId: DEVICE }).pipe(
        ParticleClient.withAccessToken(Redacted.make(`${Client.TOKEN}\n`))
      )
      assert.strictEqual(server.requests[server.requests.length - 1]!.headers.authorization, `Bearer ${Client.TOKEN}`)
      const before = server.requests.length
      const bad = yield* Effect.flip(
        ops.getDevice({ deviceId: DEVICE }).pipe(ParticleClient.withAccessToken(Redacted.make("se\ncret")))
      )
      assert.strictEqual(bad._tag, "InvalidInput")
      assert.notInclude(bad.message, "se")
      assert.strictEqual(server.requests.length, before)
    }))

  it.effect("query and body builders never read a polluted Object.prototype", () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      yield* server.handle((_, res) => json(res, 200, { devices: [], meta: { total_pages: 1 } }))
      const proto = Object.prototype as Record<string, unknown>
      proto.name = "polluted"
      proto.page = 9
      try {
        yield* ops.listDevices({ product: 1 })
      } finally {
        delete proto.name
        delete proto.page
      }
      assert.strictEqual(server.requests[server.requests.length - 1]!.query, "")
    }))
})

plain("the limiter's memory does not grow with its budget", async () => {
  const used = () => {
    const m = process.memoryUsage()
    return m.heapUsed + m.arrayBuffers
  }
  const before = used()
  let during = 0
  const layers = Array.from(
    { length: 4 },
    () => NodeParticle.layer({ rateLimit: { limit: 50_000_000, interval: "1 hour" } })
  )
  await Effect.runPromise(Effect.scoped(Effect.tap(Effect.forEach(layers, Layer.build), () => {
    during = used()
  })))
  assert.isBelow(during - before, 50 * 1024 * 1024)
})

plain.live(
  "the limiter counts what the server sees: no window of the server's holds more than the budget",
  () =>
    Effect.gen(function*() {
      const server = yield* TestServer
      const arrivals: Array<number> = []
      yield* server.handle((_, res) => {
        arrivals.push(performance.now())
        json(res, 200, { id: DEVICE, name: null, online: true })
      })
      yield* Effect.forEach(Array.from({ length: 40 }, () => 0), () => ops.getDevice({ deviceId: DEVICE }), {
        concurrency: "unbounded",
        discard: true
      })
      assert.strictEqual(arrivals.length, 40)
      const window = Duration.toMillis("400 millis")
      for (let i = 0; i < arrivals.length; i++) {
        const inWindow = arrivals.filter((t) => t >= arrivals[i]! && t < arrivals[i]! + window).length
        assert.isAtMost(inWindow, 10, `window from arrival ${i}`)
      }
    }).pipe(
      Effect.provide(
        Client.layer({ retry: false, rateLimit: { limit: 10, interval: "400 millis" }, timeout: "10 seconds" }, "node")
      )
    ),
  { timeout: 30_000 }
)

plain.effect(
  "every layer option, given any value: the layer is built, or fails with InvalidInput naming an option",
  () =>
    Effect.gen(function*() {
      const keys = [
        "baseUrl",
        "accessToken",
        "userAgent",
        "timeout",
        "rateLimit",
        "streamRateLimit",
        "retry",
        "tracePropagation",
        "middleware",
        "rateLimiter",
        "maxSockets",
        "maxResponseBytes",
        "maxDownloadBytes"
      ] as const
      const value = FastCheck.oneof(
        FastCheck.anything(),
        FastCheck.constantFrom(-1, 0, Number.NaN, Infinity, 1e15, "", "garbage", "1 second", false, true, null, [], {}),
        FastCheck.record({ limit: FastCheck.anything(), interval: FastCheck.anything() }),
        FastCheck.record({ times: FastCheck.anything(), base: FastCheck.anything(), maxDelay: FastCheck.anything() })
      )
      const samples = FastCheck.sample(FastCheck.tuple(FastCheck.constantFrom(...keys), value), 400)
      for (const transport of Client.transports) {
        for (const [key, v] of samples) {
          const exit = yield* Effect.exit(
            Layer.build(layerOf(transport, { [key]: v } as ParticleClient.Options)).pipe(Effect.scoped)
          )
          if (Exit.isSuccess(exit)) continue
          assert.isFalse(Cause.isDie(exit.cause), `${key}=${inspect(v)} died: ${Cause.pretty(exit.cause)}`)
          const error = Cause.failureOption(exit.cause)
          assert.isTrue(error._tag === "Some" && error.value._tag === "InvalidInput", `${key}: ${String(exit)}`)
          if (error._tag === "Some") {
            assert.isTrue(
              (error.value as ParticleError.InvalidInput).field.startsWith(key) ||
                key === "accessToken" && error.value.field === "accessToken"
            )
          }
        }
      }
    })
)
