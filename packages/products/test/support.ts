/** Seeded facts the products tests rely on (read from `sim.seed` where the seed exposes them). */
import type { ParticleClient } from "@effect-particle/core"
import { type Event, stream } from "@effect-particle/events"
import { expectTag, type Recorded, utf8 } from "@effect-particle/testing"
import { assert } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as Stream from "effect/Stream"

export const PRODUCT = 4242
export const SLUG = "sim-fleet"
export const UNKNOWN_PRODUCT = 999999
/** A well-formed device id no product has. */
export const UNKNOWN_DEVICE = "0123456789abcdef01234567"

/** The seeded fleet, in id order: groups and online state (`sim.seed.product.deviceIds` holds the ids). */
export const FLEET_LAYOUT = [
  { name: "fleet-1", groups: ["europe"], online: true },
  { name: "fleet-2", groups: ["europe", "beta"], online: false },
  { name: "fleet-3", groups: ["asia"], online: true },
  { name: "fleet-4", groups: ["asia", "beta"], online: false },
  { name: "fleet-5", groups: [], online: true }
] as const

/** The multipart parts of a request: name, filename, and the text of field parts. */
export const parts = (request: Recorded) =>
  (request.multipart ?? []).map((p) => ({
    name: p.name,
    filename: p.filename,
    text: p.filename === undefined ? utf8(p.data) : undefined
  }))

/** Asserts an error is the tag, with the status and a message containing `text`. */
export const expectStatus = <E extends { readonly _tag: string }>(
  error: E,
  tag: E["_tag"],
  status: number,
  text?: string
) => {
  const e = expectTag(error, tag) as unknown as { status: number; message: string }
  assert.strictEqual(e.status, status)
  if (text !== undefined) assert.include(e.message, text)
  return e
}

/**
 * Opens the product's `spark/` event stream, waits until it is connected, and returns a fiber that collects
 * its events until `done` holds for what it collected.
 */
export const watchFleet = (
  product: number | string,
  done: (events: ReadonlyArray<Event.ParticleEvent>) => boolean
): Effect.Effect<
  Fiber.RuntimeFiber<ReadonlyArray<Event.ParticleEvent>, unknown>,
  never,
  ParticleClient.ParticleClient
> =>
  Effect.gen(function*() {
    const connected = yield* Deferred.make<void>()
    const fiber = yield* stream({
      product,
      name: "spark/",
      onStatus: (status) => (status._tag === "Connected" ? Deferred.succeed(connected, undefined) : Effect.void)
    }).pipe(
      Stream.runFoldWhile(
        [] as ReadonlyArray<Event.ParticleEvent>,
        (events) => !done(events),
        (events, event) => [...events, event]
      ),
      Effect.fork
    )
    yield* Deferred.await(connected)
    return fiber
  })

/** The devices that reconnected (`spark/status` `online`) reporting firmware `version`. */
export const reportedVersion = (events: ReadonlyArray<Event.ParticleEvent>, version: number): ReadonlyArray<string> =>
  [
    ...new Set(
      events.filter((e) => e.name === "spark/status" && e.data === "online" && e.version === version).map((e) =>
        e.coreid
      )
    )
  ]
    .sort()
