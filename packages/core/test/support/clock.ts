import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as TestClock from "effect/TestClock"
import * as TestServices from "effect/TestServices"

/** Lets real I/O (the loopback server) progress while the TestClock stands still. */
export const settle = TestServices.provideLive(Effect.sleep("30 millis"))

/** Waits (in real time) until `predicate` holds, without moving the TestClock. */
export const waitUntil = (predicate: () => boolean, what: string) =>
  Effect.gen(function*() {
    for (let i = 0; i < 300; i++) {
      if (predicate()) return
      yield* settle
    }
    return yield* Effect.dieMessage(`timed out waiting for ${what}`)
  })

/** Whether the fiber has finished, without blocking. */
export const isDone = <A, E>(fiber: Fiber.RuntimeFiber<A, E>) => Effect.map(Fiber.poll(fiber), (o) => o._tag === "Some")

export const adjust = TestClock.adjust
