import { ParticleClient, type ParticleError } from "@effect-particle/core"
import type { StreamItem } from "@effect-particle/events"
import type { Event } from "@effect-particle/events"
import { Simulator } from "@effect-particle/simulator"
import * as Testing from "@effect-particle/testing"
import { Effect, Fiber, type Layer, Stream } from "effect"

/** The simulator on 127.0.0.1 and a fetch-based client pointed at it (stream-open limit off unless given). */
export const layer = (
  simulator: Parameters<typeof Simulator.layer>[0] = {},
  client: ParticleClient.Options = {}
): Layer.Layer<ParticleClient.ParticleClient | Simulator.Simulator, ParticleError.InvalidInput> =>
  Testing.layer({ transport: "fetch", simulator, client: { streamRateLimit: false, retry: {}, ...client } })

export const { realSleep, waitUntil } = Testing

export const isEvent = (item: StreamItem): item is Event.ParticleEvent => item._tag === "Event"

export interface Collected<E> {
  readonly items: Array<StreamItem>
  readonly events: () => Array<Event.ParticleEvent>
  readonly tags: () => Array<string>
  readonly fiber: Fiber.RuntimeFiber<void, E>
  /** Waits until the stream has emitted `n` items with this tag. */
  readonly waitFor: (tag: StreamItem["_tag"], n?: number) => Effect.Effect<void>
  readonly waitForEvents: (n: number) => Effect.Effect<void>
}

/** Runs a `streamWithStatus` in a background fiber, collecting its items. */
export const collect = <E, R>(stream: Stream.Stream<StreamItem, E, R>) =>
  Effect.gen(function*() {
    const items: Array<StreamItem> = []
    const fiber = yield* Effect.fork(Stream.runForEach(stream, (item) => Effect.sync(() => void items.push(item))))
    const count = (tag: string) => items.filter((i) => i._tag === tag).length
    const collected: Collected<E> = {
      items,
      fiber,
      events: () => items.filter(isEvent),
      tags: () => items.map((i) => i._tag),
      waitFor: (tag, n = 1) => waitUntil(() => count(tag) >= n || fiber.unsafePoll() !== null, `${n} × ${tag}`),
      waitForEvents: (n) => waitUntil(() => count("Event") >= n, `${n} events`)
    }
    return collected
  })
