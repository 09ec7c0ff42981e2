// Four clients, each in its own runtime with its own Redis connections, share one budget through a real
// redis-server: the recording server never sees more than the budget in any window (real clock, short
// windows: a correctness property, not a speed one), and every call completes.
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"
import { client, inspector, run } from "./support/clients.js"
import * as Recording from "./support/recordingServer.js"
import * as RedisServer from "./support/redisServer.js"

const requests = { name: "requests" as const, limit: 20, interval: 1_000 }
const streams = { name: "streams" as const, limit: 4, interval: 1_000 }
const budgets = {
  rateLimit: { limit: requests.limit, interval: "1 second" },
  streamRateLimit: { limit: streams.limit, interval: "1 second" }
} as const

const openAndDrain = Effect.scoped(Effect.flatMap(Recording.openStream({}), Stream.runDrain))

describe("four clients share one budget through Redis", () => {
  it.live(
    "no window of the server's holds more than the budget, for calls and stream opens; all complete",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const server = yield* Recording.start
        const prefix = `test-${Date.now()}`
        const clients = yield* Effect.all(
          Array.from(
            { length: 4 },
            () => client(server.url, { redis: redis.url, prefix, pollInterval: "250 millis" }, budgets)
          )
        )
        const results = yield* Effect.forEach(
          clients,
          (c) =>
            run(
              c,
              Effect.all([
                Effect.forEach(Array.from({ length: 30 }), () => Recording.ping({}), { concurrency: 8 }),
                Effect.forEach(Array.from({ length: 5 }), () => openAndDrain, { concurrency: 3 })
              ], { concurrency: 2 })
            ),
          { concurrency: "unbounded" }
        )
        // every call completed, and succeeded
        assert.strictEqual(results.flatMap(([pings]) => pings).filter((r) => r.ok).length, 120)
        const pings = server.arrivals.filter((a) => a.path === "/v1/ping").map((a) => a.at)
        const opens = server.arrivals.filter((a) => a.path === "/v1/events").map((a) => a.at)
        assert.strictEqual(pings.length, 120)
        assert.strictEqual(opens.length, 20)
        const maxPings = Recording.maxInWindow(pings, requests.interval)
        const maxOpens = Recording.maxInWindow(opens, streams.interval)
        console.log(
          `max in any 1 s window: ${maxPings} calls (budget ${requests.limit}), ${maxOpens} stream opens (budget ${streams.limit})`
        )
        assert.isAtMost(maxPings, requests.limit)
        assert.isAtMost(maxOpens, streams.limit)
        // the budget was shared, not kept per client (4 × 20 could otherwise all arrive in the first second)
        assert.isAbove(pings[pings.length - 1]! - pings[0]!, requests.interval * 4)
        // nothing is left in flight or queued in Redis
        const look = yield* inspector(redis.url)
        const [inflight, , queued, leased] = yield* look.status(prefix, requests)
        assert.deepStrictEqual([inflight, queued, leased], [0, 0, 0])
        const [streamsInflight] = yield* look.status(prefix, streams)
        assert.strictEqual(streamsInflight, 0)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "a request holds its slot until it completes: a slow one keeps the next out of every window",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const server = yield* Recording.start
        const prefix = `test-${Date.now()}`
        const slow = { rateLimit: { limit: 3, interval: "300 millis" }, streamRateLimit: false } as const
        const [a, b] = yield* Effect.all([
          client(server.url, { redis: redis.url, prefix }, slow),
          client(server.url, { redis: redis.url, prefix }, slow)
        ])
        // each call takes 150 ms, half the interval: counted from admission alone, the next ones would go out
        // 300 ms after the first ones were admitted, while the server may still see them arriving
        yield* Effect.all([
          run(a, Effect.forEach(Array.from({ length: 9 }), () => Recording.slow({}), { concurrency: "unbounded" })),
          run(b, Effect.forEach(Array.from({ length: 9 }), () => Recording.slow({}), { concurrency: "unbounded" }))
        ], { concurrency: 2 })
        const pings = server.arrivals.map((x) => x.at)
        assert.strictEqual(pings.length, 18)
        assert.isAtMost(Recording.maxInWindow(pings, 300), 3)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "owners take turns: a client that joins a long queue is served before the first one drains it",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const server = yield* Recording.start
        const prefix = `test-${Date.now()}`
        const small = { rateLimit: { limit: 4, interval: "400 millis" }, streamRateLimit: false } as const
        const [busy, late] = yield* Effect.all([
          client(server.url, { redis: redis.url, prefix, pollInterval: "100 millis" }, small),
          client(server.url, { redis: redis.url, prefix, pollInterval: "100 millis" }, small)
        ])
        const order: Array<string> = []
        const flood = Effect.forkScoped(run(
          busy,
          Effect.forEach(
            Array.from({ length: 40 }),
            () => Effect.tap(Recording.ping({}), () => order.push("busy")),
            { concurrency: "unbounded" }
          )
        ))
        const fiber = yield* flood
        // once the first client is queued, the second asks for 4
        while (server.arrivals.length < 4) yield* Effect.sleep("10 millis")
        yield* run(
          late,
          Effect.forEach(
            Array.from({ length: 4 }),
            () => Effect.tap(Recording.ping({}), () => order.push("late")),
            { concurrency: "unbounded" }
          )
        )
        const busyDoneBeforeLate = order.filter((o) => o === "busy").length
        yield* fiber.await
        // the late client's calls did not wait for the 36 calls queued before them
        assert.isBelow(busyDoneBeforeLate, 40)
        assert.strictEqual(order.length, 44)
        assert.isAtMost(Recording.maxInWindow(server.arrivals.map((x) => x.at), 400), 4)
      }).pipe(Effect.scoped),
    { timeout: 60_000 }
  )

  it.live(
    "the slots of a crashed process are held until its lease runs out, then for the interval, and then freed",
    () =>
      Effect.gen(function*() {
        const redis = yield* RedisServer.start
        const server = yield* Recording.start
        const prefix = `test-${Date.now()}`
        const budget = { name: "requests" as const, limit: 5, interval: 500 }
        const look = yield* inspector(redis.url)
        // a process took the whole budget and died: it never renews its lease (1 s) nor releases
        const took = Date.now()
        const [granted] = yield* look.crashedOwner(prefix, budget, 5, 1_000)
        assert.strictEqual(granted, 5)
        const c = yield* client(
          server.url,
          { redis: redis.url, prefix, lease: "1 second", pollInterval: "100 millis" },
          { rateLimit: { limit: 5, interval: "500 millis" }, streamRateLimit: false }
        )
        yield* run(c, Recording.ping({}))
        // Redis's clock and ours are the same machine's: the call went out after the lease and the interval
        assert.isAtLeast(Date.now() - took, 1_500 - 5)
        assert.strictEqual(server.arrivals.length, 1)
        const [inflight, , , leased] = yield* look.status(prefix, budget)
        assert.deepStrictEqual([inflight, leased], [0, 0])
      }).pipe(Effect.scoped),
    { timeout: 30_000 }
  )

  it.live("interrupted waiters leave the queue and give back what they were granted", () =>
    Effect.gen(function*() {
      const redis = yield* RedisServer.start
      const server = yield* Recording.start
      const prefix = `test-${Date.now()}`
      const budget = { name: "requests" as const, limit: 2, interval: 60_000 }
      const c = yield* client(server.url, { redis: redis.url, prefix }, {
        rateLimit: { limit: 2, interval: "1 minute" },
        streamRateLimit: false
      })
      const calls = yield* Effect.fork(
        run(c, Effect.forEach(Array.from({ length: 6 }), () => Recording.ping({}), { concurrency: "unbounded" }))
      )
      while (server.arrivals.length < 2) yield* Effect.sleep("10 millis")
      // the other four are queued (in the process, and the process in Redis) when they are interrupted
      yield* Effect.sleep("200 millis")
      yield* Fiber.interrupt(calls)
      assert.strictEqual(server.arrivals.length, 2)
      const look = yield* inspector(redis.url)
      // the two that ran completed (they hold their slots for the minute); nobody waits or holds a permit
      let status = yield* look.status(prefix, budget)
      for (let i = 0; i < 100 && status[2] !== 0; i++) {
        yield* Effect.sleep("20 millis")
        status = yield* look.status(prefix, budget)
      }
      assert.deepStrictEqual(status, [0, 2, 0, 0])
    }).pipe(Effect.scoped), { timeout: 30_000 })
})
