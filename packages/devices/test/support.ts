import { ParticleClient, type ParticleError } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { Simulator } from "@effect-particle/simulator"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/**
 * A simulator on 127.0.0.1 and a Node ParticleClient pointed at it. The client's automatic GET retry is
 * off so that a faulted status is seen once and no test waits on (test-clock) backoff.
 */
export const TestLayer: Layer.Layer<
  ParticleClient.ParticleClient | Simulator.Simulator,
  ParticleError.InvalidInput
> = Layer.unwrapEffect(
  Effect.map(Simulator.Simulator, (sim) =>
    NodeParticle.layer({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken), retry: false }))
).pipe(Layer.provideMerge(Simulator.layer()))

/** The simulator, back to its seeded state with no recorded requests and no faults. */
export const fresh = Effect.map(Simulator.Simulator, (sim) => {
  sim.reset()
  return sim
})

export type Sim = Simulator.SimulatorHandle
export type Recorded = Simulator.RequestRecord

/** The only request recorded since the last reset (fails the test if there is not exactly one). */
export const only = (sim: Sim): Recorded => {
  const requests = sim.requests()
  assert.strictEqual(requests.length, 1, `expected one request, got ${requests.map((r) => `${r.method} ${r.path}`).join(", ")}`)
  return requests[0]!
}

/** The last recorded request. */
export const last = (sim: Sim): Recorded => {
  const requests = sim.requests()
  assert.isAbove(requests.length, 0, "no request was recorded")
  return requests[requests.length - 1]!
}

/** Narrows an error to one tag, failing the test with the error's message otherwise. */
export const expectTag = <E extends { readonly _tag: string }, T extends E["_tag"]>(
  error: E,
  tag: T
): Extract<E, { readonly _tag: T }> => {
  assert.strictEqual(error._tag, tag, `expected ${tag}, got ${error._tag}: ${(error as { message?: string }).message}`)
  return error as Extract<E, { readonly _tag: T }>
}

/** Runs `effect`, expects it to fail with `InvalidInput` on `field`, and checks nothing was sent. */
export const expectInvalid = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>,
  field: string
) =>
  Effect.gen(function*() {
    const sim = yield* fresh
    const error = yield* Effect.flip(effect)
    const invalid = expectTag(error, "InvalidInput") as unknown as { field: string; message: string }
    assert.strictEqual(invalid.field, field, invalid.message)
    assert.include(invalid.message, field)
    assert.deepStrictEqual(sim.requests(), [], "no request may be sent for invalid input")
  })

/** Runs `effect` with the token of the seeded second user (who owns none of the demo devices). */
export const asOtherUser = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(Simulator.Simulator, (sim) =>
    ParticleClient.withAccessToken(Redacted.make(sim.seed.otherUser.accessToken))(effect))

/** Runs `effect` with a token the simulator does not know. */
export const withBadToken = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  ParticleClient.withAccessToken(Redacted.make("0000000000000000000000000000000000000000"))(effect)

/** Answers the next request to `route` (a path, matched as a prefix) with `status` once. */
export const faultOnce = (sim: Sim, route: string, status: number, body?: unknown, method?: string) =>
  sim.setFault({
    kind: "status",
    route,
    status,
    times: 1,
    ...(body !== undefined ? { body } : {}),
    ...(method !== undefined ? { method } : {})
  })

export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
