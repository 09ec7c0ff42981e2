// Redis killed, frozen or never there: calls fail with a typed TransportError saying the rate limiter is
// unavailable (`onUnavailable: "fail"`), or go on under the in-process limiter (`"local"`); none hangs.
import { ParticleError } from "@effect-particle/core"
import { RedisRateLimit } from "@effect-particle/redis"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { client, inspector, run } from "./support/clients.js"
import * as Recording from "./support/recordingServer.js"
import * as RedisServer from "./support/redisServer.js"

const budgets = { rateLimit: { limit: 20, interval: "1 second" }, streamRateLimit: false } as const
const requests = { name: "requests" as const, limit: 20, interval: 1_000 }

/** Every call of a client, each settled: a hang fails the test with a clear message, not a timeout. */
const calls = (n: number) =>
  Effect.forEach(Array.from({ length: n }), () => Effect.either(Recording.ping({})), { concurrency: 4 }).pipe(
    Effect.timeoutFail({ duration: "25 seconds", onTimeout: () => new Error("the calls hung after Redis went away") })
  )

/**
 * Two clients sharing one Redis, 40 calls each, Redis killed once the server has seen 25 of them: every
 * call's outcome, with Redis and the server to look at afterwards.
 */
const killedMidRun = (options: Omit<RedisRateLimit.Options, "redis" | "prefix">) =>
  Effect.gen(function*() {
    const redis = yield* RedisServer.start
    const server = yield* Recording.start
    const prefix = `test-${Date.now()}`
    const all = { redis: redis.url, prefix, ...options }
    const [a, b] = yield* Effect.all([client(server.url, all, budgets), client(server.url, all, budgets)])
    const killer = yield* Effect.forkScoped(Effect.gen(function*() {
      while (server.arrivals.length < 25) yield* Effect.sleep("5 millis")
      yield* redis.kill
    }))
    const [ra, rb] = yield* Effect.all([run(a, calls(40)), run(b, calls(40))], { concurrency: 2 })
    yield* killer.await
    return { redis, server, prefix, a, outcomes: [...ra, ...rb] }
  })

const isUnavailable = (e: ParticleError.ParticleError) =>
  e._tag === "TransportError" && e.message.startsWith("the rate limiter is unavailable: Redis at redis://127.0.0.1:")

describe("Redis unavailable", () => {
  it.live(
    "killed mid-run with onUnavailable \"fail\": the calls after fail with TransportError, none hangs; it recovers when Redis is back",
    () =>
      Effect.gen(function*() {
        const { a, outcomes: all, prefix, redis, server } = yield* killedMidRun({
          timeout: "500 millis",
          cooldown: "200 millis"
        })
        const failures = all.filter(Either.isLeft).map((e) => e.left)
        const successes = all.filter(Either.isRight)
        console.log(
          `Redis killed after 25 arrivals: ${successes.length} calls succeeded, ${failures.length} failed with: ${
            failures[0]?.message
          }`
        )
        assert.strictEqual(all.length, 80)
        assert.isAbove(failures.length, 0)
        assert.isAtLeast(successes.length, 25)
        for (const failure of failures) {
          assert.isTrue(isUnavailable(failure), failure.message)
          assert.instanceOf(failure, ParticleError.TransportError)
        }
        // no call went out without a permit: every arrival at the server is a success
        assert.strictEqual(server.arrivals.length, successes.length)
        // Redis back (empty, as after a crash): after the cooldown the limiter uses it again
        yield* redis.restart
        yield* Effect.sleep("300 millis")
        let again = yield* run(a, Effect.either(Recording.ping({})))
        for (let i = 0; i < 200 && Either.isLeft(again); i++) {
          yield* Effect.sleep("100 millis")
          again = yield* run(a, Effect.either(Recording.ping({})))
        }
        assert.isTrue(Either.isRight(again))
        const look = yield* inspector(redis.url)
        const [, completed] = yield* look.status(prefix, requests)
        assert.strictEqual(completed, 1)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "killed mid-run with onUnavailable \"local\": every call completes, limited in each process",
    () =>
      Effect.gen(function*() {
        const { outcomes: all, server } = yield* killedMidRun({ onUnavailable: "local", timeout: "500 millis" })
        assert.strictEqual(all.filter(Either.isRight).length, 80)
        assert.strictEqual(server.arrivals.length, 80)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "frozen (it accepts connections and never answers): each call fails within the timeout",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const server = yield* Recording.start
        const c = yield* client(
          server.url,
          { redis: redis.url, prefix: `test-${Date.now()}`, timeout: "300 millis" },
          budgets
        )
        yield* run(c, Recording.ping({}))
        yield* redis.freeze
        const results = yield* run(c, calls(5))
        yield* redis.thaw
        const failures = results.filter(Either.isLeft).map((e) => e.left)
        assert.strictEqual(failures.length, 5)
        for (const failure of failures) {
          assert.isTrue(isUnavailable(failure), failure.message)
          assert.strictEqual((failure as ParticleError.TransportError).reason, "Timeout")
          assert.include(failure.message, "did not answer within 300 ms")
        }
        assert.strictEqual(server.arrivals.length, 1)
      }).pipe(Effect.scoped),
    { timeout: 30_000 }
  )

  it.live("never there: \"fail\" fails each call, \"local\" limits in the process", () =>
    Effect.gen(function*() {
      const server = yield* Recording.start
      const port = yield* RedisServer.freePort
      const redis = `redis://127.0.0.1:${port}`
      const failing = yield* client(server.url, { redis, timeout: "500 millis" }, budgets)
      const local = yield* client(server.url, { redis, onUnavailable: "local", timeout: "500 millis" }, budgets)
      const failed = yield* run(failing, calls(3))
      for (const r of failed) assert.isTrue(Either.isLeft(r) && isUnavailable(r.left), String(r))
      const succeeded = yield* run(local, calls(3))
      assert.isTrue(succeeded.every(Either.isRight))
      assert.strictEqual(server.arrivals.length, 3)
    }).pipe(Effect.scoped), { timeout: 30_000 })
})

describe("options", () => {
  it.effect("a bad option is InvalidInput naming it", () =>
    Effect.gen(function*() {
      const cases: ReadonlyArray<[RedisRateLimit.Options, string]> = [
        [{ timeout: "soon" as any }, "timeout"],
        [{ lease: 0 }, "lease"],
        [{ pollInterval: -1 }, "pollInterval"],
        [{ cooldown: Number.POSITIVE_INFINITY }, "cooldown"],
        [{ prefix: "" }, "prefix"],
        [{ prefix: "a{b}" }, "prefix"],
        [{ onUnavailable: "retry" as any }, "onUnavailable"],
        [{ redis: "not a url" }, "redis"]
      ]
      for (const [options, field] of cases) {
        const error = yield* Effect.flip(RedisRateLimit.make(options))
        assert.strictEqual(error._tag, "InvalidInput")
        assert.strictEqual(error.field, field)
        assert.throws(() => RedisRateLimit.backend(options))
      }
      const ok = yield* RedisRateLimit.make({ redis: "redis://127.0.0.1:6390", prefix: "app:1" })
      assert.isFunction(ok)
    }))
})
