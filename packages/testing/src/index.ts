/**
 * Test support shared by the `@effect-particle` packages (private, never published): a `ParticleClient`
 * against a fresh simulator on 127.0.0.1, over either transport, and the assertions every wire test uses.
 *
 * @since 0.1.0
 */
import { ParticleClient, type ParticleError } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { Simulator } from "@effect-particle/simulator"
import { assert } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestServices from "effect/TestServices"

/** @since 0.1.0 */
export type Sim = Simulator.SimulatorHandle
/** @since 0.1.0 */
export type Recorded = Simulator.RequestRecord

/** The two transports every client contract holds on. @since 0.1.0 */
export type Transport = "node" | "fetch"

/** @since 0.1.0 */
export const transports: ReadonlyArray<Transport> = ["node", "fetch"]

/** A client layer of the given transport. @since 0.1.0 */
export const clientLayer = (
  transport: Transport,
  options: ParticleClient.Options
): Layer.Layer<ParticleClient.ParticleClient, ParticleError.InvalidInput> =>
  transport === "node" ? NodeParticle.layer(options) : ParticleClient.layerFetch(options)

/**
 * A simulator on 127.0.0.1 and a `ParticleClient` pointed at it with the demo user's token. The client's
 * automatic retry is off (a faulted status is seen once; no test waits on backoff) unless `client` says
 * otherwise.
 *
 * @since 0.1.0
 */
export const layer = (options: {
  readonly transport?: Transport | undefined
  readonly simulator?: Parameters<typeof Simulator.layer>[0]
  readonly client?: ParticleClient.Options | undefined
} = {}): Layer.Layer<ParticleClient.ParticleClient | Simulator.Simulator, ParticleError.InvalidInput> =>
  Layer.unwrapEffect(
    Effect.map(Simulator.Simulator, (sim) =>
      clientLayer(options.transport ?? "node", {
        baseUrl: sim.url,
        accessToken: Redacted.make(sim.accessToken),
        retry: false,
        ...options.client
      }))
  ).pipe(Layer.provideMerge(Simulator.layer(options.simulator)))

/** {@link layer} with the defaults: the Node transport, no retry. @since 0.1.0 */
export const TestLayer = layer()

/** The simulator, back to its seeded state with no recorded requests and no faults. @since 0.1.0 */
export const fresh = Effect.map(Simulator.Simulator, (sim) => {
  sim.reset()
  return sim
})

/** The only request recorded since the last reset (fails the test if there is not exactly one). @since 0.1.0 */
export const only = (sim: Sim): Recorded => {
  const requests = sim.requests()
  assert.strictEqual(
    requests.length,
    1,
    `expected one request, got ${requests.map((r) => `${r.method} ${r.path}`).join(", ")}`
  )
  return requests[0]!
}

/** The only request since the last reset or clear was a GET of `path` with this raw query and no body. @since 0.1.0 */
export const expectGet = (sim: Sim, path: string, rawQuery = ""): void => {
  const r = only(sim)
  assert.deepStrictEqual([r.method, r.path, r.rawQuery, r.body.length], ["GET", path, rawQuery, 0])
}

/** The last recorded request. @since 0.1.0 */
export const last = (sim: Sim): Recorded => {
  const requests = sim.requests()
  assert.isAbove(requests.length, 0, "no request was recorded")
  return requests[requests.length - 1]!
}

/** Narrows an error to one tag, failing the test with the error's message otherwise. @since 0.1.0 */
export const expectTag = <E extends { readonly _tag: string }, T extends E["_tag"]>(
  error: E,
  tag: T
): Extract<E, { readonly _tag: T }> => {
  assert.strictEqual(error._tag, tag, `expected ${tag}, got ${error._tag}: ${(error as { message?: string }).message}`)
  return error as Extract<E, { readonly _tag: T }>
}

/** Runs `effect`, expects `InvalidInput` on `field`, and checks that nothing was sent. @since 0.1.0 */
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

/** Runs `effect` with the token of the seeded second user (who owns none of the demo devices). @since 0.1.0 */
export const asOtherUser = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    Simulator.Simulator,
    (sim) => ParticleClient.withAccessToken(Redacted.make(sim.seed.otherUser.accessToken))(effect)
  )

/** Runs `effect` with a token the simulator does not know. @since 0.1.0 */
export const withBadToken = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  ParticleClient.withAccessToken(Redacted.make("0000000000000000000000000000000000000000"))(effect)

/** Answers the next request to `route` (a path, matched as a prefix) with `status` once. @since 0.1.0 */
export const faultOnce = (sim: Sim, route: string, status: number, body?: unknown, method?: string) =>
  sim.setFault({
    kind: "status",
    route,
    status,
    times: 1,
    ...(body !== undefined ? { body } : {}),
    ...(method !== undefined ? { method } : {})
  })

/** @since 0.1.0 */
export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)

/** Sleeps in real time, whatever clock the test uses. @since 0.1.0 */
export const realSleep = (ms: number) => TestServices.provideLive(Effect.sleep(`${ms} millis`))

/** Waits (in real time, without moving a TestClock) until `predicate` holds. @since 0.1.0 */
export const waitUntil = (predicate: () => boolean, what: string, timeoutMs = 10_000) =>
  Effect.gen(function*() {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (Date.now() > deadline) return yield* Effect.dieMessage(`timed out waiting for ${what}`)
      yield* realSleep(5)
    }
  })
