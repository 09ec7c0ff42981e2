/**
 * The permit gate of the fetch transport (maxSockets): at most N at once, waiters served in arrival order,
 * and no permit lost to an interruption, however it falls.
 */
import { assert, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Gate from "../src/internal/gate.js"

it.effect("at most N at once; waiters run in arrival order; every effect completes", () =>
  Effect.gen(function*() {
    const gate = Gate.make(3)
    let running = 0
    let most = 0
    const order: Array<number> = []
    yield* Effect.forEach(
      Array.from({ length: 200 }, (_, n) => n),
      (n) =>
        gate(Effect.gen(function*() {
          order.push(n)
          running++
          most = Math.max(most, running)
          yield* Effect.yieldNow()
          running--
        })),
      { concurrency: "unbounded", discard: true }
    )
    assert.strictEqual(most, 3)
    assert.deepStrictEqual(order, Array.from({ length: 200 }, (_, n) => n))
  }))

it.effect("an interrupted waiter leaves the queue; an interrupted holder gives its permit back", () =>
  Effect.gen(function*() {
    const gate = Gate.make(1)
    const hold = yield* Deferred.make<void>()
    const holder = yield* Effect.fork(gate(Deferred.await(hold)))
    yield* Effect.yieldNow()
    const waiter = yield* Effect.fork(gate(Effect.void))
    yield* Effect.yieldNow()
    yield* Fiber.interrupt(waiter)
    yield* Fiber.interrupt(holder)
    // the one permit is free again: two effects in turn both run
    assert.strictEqual(yield* gate(Effect.succeed(1)), 1)
    assert.strictEqual(yield* gate(Effect.succeed(2)), 2)
  }))

it.effect("a waiter interrupted as it is handed the permit passes it on", () =>
  Effect.gen(function*() {
    const gate = Gate.make(1)
    for (let round = 0; round < 50; round++) {
      const hold = yield* Deferred.make<void>()
      const holder = yield* Effect.fork(gate(Deferred.await(hold)))
      yield* Effect.yieldNow()
      const waiters = yield* Effect.forEach(
        Array.from({ length: 5 }, () => 0),
        () => Effect.fork(gate(Effect.void)),
        { concurrency: "unbounded" }
      )
      yield* Effect.yieldNow()
      // release the holder and interrupt the waiters in the same tick
      yield* Deferred.succeed(hold, undefined)
      yield* Effect.forEach(waiters, Fiber.interrupt, { concurrency: "unbounded", discard: true })
      yield* Fiber.join(holder)
    }
    const third = yield* Effect.fork(gate(Effect.succeed("ran")))
    assert.strictEqual(yield* Fiber.join(third), "ran")
  }))
