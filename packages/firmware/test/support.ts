import { ParticleClient, type ParticleError } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { Simulator } from "@effect-particle/simulator"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

/** A simulator on 127.0.0.1 and a Node ParticleClient pointed at it (no automatic retry: no test waits on backoff). */
export const TestLayer: Layer.Layer<
  ParticleClient.ParticleClient | Simulator.Simulator,
  ParticleError.InvalidInput
> = Layer.unwrapEffect(
  Effect.map(Simulator.Simulator, (sim) =>
    NodeParticle.layer({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken), retry: false }))
).pipe(Layer.provideMerge(Simulator.layer()))

export const fresh = Effect.map(Simulator.Simulator, (sim) => {
  sim.reset()
  return sim
})

export type Recorded = Simulator.RequestRecord

export const only = (sim: Simulator.SimulatorHandle): Recorded => {
  const requests = sim.requests()
  assert.strictEqual(requests.length, 1, `expected one request, got ${requests.map((r) => `${r.method} ${r.path}`).join(", ")}`)
  return requests[0]!
}

export const expectTag = <E extends { readonly _tag: string }, T extends E["_tag"]>(
  error: E,
  tag: T
): Extract<E, { readonly _tag: T }> => {
  assert.strictEqual(error._tag, tag, `expected ${tag}, got ${error._tag}: ${(error as { message?: string }).message}`)
  return error as Extract<E, { readonly _tag: T }>
}

export const expectInvalid = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>, field: string) =>
  Effect.gen(function*() {
    const sim = yield* fresh
    const invalid = expectTag(yield* Effect.flip(effect), "InvalidInput") as unknown as { field: string; message: string }
    assert.strictEqual(invalid.field, field, invalid.message)
    assert.deepStrictEqual(sim.requests(), [], "no request may be sent for invalid input")
  })

export const withBadToken = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  ParticleClient.withAccessToken(Redacted.make("0000000000000000000000000000000000000000"))(effect)

export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
