import * as Effect from "effect/Effect"

/**
 * At most `permits` effects at once; the others wait in arrival order, and a release hands its permit
 * straight to the oldest waiter. Effect 3's `Semaphore` wakes every waiter on each release (each re-checks
 * and most go back to sleep), which is quadratic: 500 calls queued on 20 permits took seconds
 * (`bench/upstream/semaphore-herd.js`).
 *
 * `later`, when given, runs each release a turn of the event loop after the effect completed (the caller
 * is answered at once): Node's `fetch` (undici) returns a connection to its pool only after the body's end
 * has been delivered, so a permit handed over at once made it open another socket.
 */
export const make = (permits: number, later?: (release: () => void) => void) => {
  let free = permits
  // a Set keeps insertion order and deletes in O(1): an interrupted waiter leaves without a scan
  const waiters = new Set<() => void>()
  const release = () => {
    const next = waiters.values().next()
    if (next.done === true) free++
    else {
      waiters.delete(next.value)
      next.value()
    }
  }
  const take = Effect.async<void>((resume) => {
    if (free > 0) {
      free--
      return resume(Effect.void)
    }
    let granted = false
    const waiter = () => {
      granted = true
      resume(Effect.void)
    }
    waiters.add(waiter)
    // interrupted while waiting: leave the queue; interrupted just after being handed a permit: pass it on
    return Effect.sync(() => (granted ? release() : waiters.delete(waiter)))
  })
  const released = later === undefined ? Effect.sync(release) : Effect.sync(() => later(release))
  return <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(restore(take), () => Effect.ensuring(restore(self), released))
    )
}

/**
 * A `later` for `make`: the next turn of the event loop (Node's `fetch` has put the connection back in its
 * pool by then).
 */
export const nextTurn = (f: () => void): void => {
  if (typeof setImmediate === "function") setImmediate(f)
  else setTimeout(f, 0)
}
