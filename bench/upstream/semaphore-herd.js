// Upstream reproduction: Effect 3's Semaphore wakes every waiter on each release.
//   node bench/upstream/semaphore-herd.js [waiters] [permits]
// `waiters` fibers queue on a Semaphore of `permits`; each holds its permit for 1 ms. A release schedules
// a task that resumes every waiter while `free > 0`, and `free` only drops when a resumed fiber runs, so
// all of them wake, re-check, and all but one go back to sleep: the work per release grows with the queue,
// the whole run quadratically. The same load through core's FIFO hand-off gate (internal/gate.ts) is the
// floor. Reported: wall time of each, and the ideal (waiters / permits × 1 ms).
import * as Effect from "effect/Effect"
// the gate core uses instead (built by `pnpm build`)
import * as Gate from "../../packages/core/dist/internal/gate.js"

const WAITERS = Number(process.argv[2] ?? 1000)
const PERMITS = Number(process.argv[3] ?? 20)

const hold = Effect.async((resume) => {
  const timer = setTimeout(() => resume(Effect.void), 1)
  return Effect.sync(() => clearTimeout(timer))
})

const run = async (name, withPermit) => {
  const start = performance.now()
  await Effect.runPromise(
    Effect.forEach(Array.from({ length: WAITERS }), () => withPermit(hold), { concurrency: "unbounded", discard: true })
  )
  console.log(`${name.padEnd(22)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`)
}

console.log(`${WAITERS} fibers, ${PERMITS} permits, 1 ms each: ideal ${(WAITERS / PERMITS).toFixed(0)} ms`)
await run("Effect.Semaphore", Effect.unsafeMakeSemaphore(PERMITS).withPermits(1))
await run("hand-off gate", Gate.make(PERMITS))
