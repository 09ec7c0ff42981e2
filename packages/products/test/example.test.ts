/**
 * The README example, against the simulator: upload firmware, release it to a group, and wait until the
 * group's devices report it on the product event stream.
 */
import { listProductDevices } from "@effect-particle/devices"
import { stream } from "@effect-particle/events"
import { getDeviceGroup, releaseProductFirmware, uploadProductFirmware } from "@effect-particle/products"
import { fresh, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as HashSet from "effect/HashSet"
import * as Stream from "effect/Stream"
import { PRODUCT } from "./support.js"

const product = PRODUCT
const version = 7

/** The README's program (minus the console output), for a firmware file given as bytes. */
const program = (file: Uint8Array) =>
  Effect.gen(function*() {
    yield* uploadProductFirmware({ product, version, title: "v7: faster sensor loop", file })
    const { group } = yield* getDeviceGroup({ product, name: "beta" })
    const expected = group.device_count ?? 0

    const listening = yield* Deferred.make<void>()
    const reports = yield* stream({
      product,
      name: "spark/status",
      onStatus: (status) => (status._tag === "Connected" ? Deferred.succeed(listening, undefined) : Effect.void)
    }).pipe(
      Stream.filter((event) => event.data === "online" && event.version === version),
      Stream.interruptWhen(Effect.sleep("10 minutes")),
      Stream.runFoldWhile(
        HashSet.empty<string>(),
        (updated) => HashSet.size(updated) < expected,
        (updated, event) => HashSet.add(updated, event.coreid)
      ),
      Effect.fork
    )
    yield* Deferred.await(listening)

    yield* releaseProductFirmware({ product, version, groups: ["beta"] })
    const updated = yield* Fiber.join(reports)
    return { expected, updated }
  })

layer(TestLayer)("README example", (it) => {
  it.effect("uploads, releases to beta, and sees every beta device report the new version", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const [, fleet2, , fleet4] = sim.seed.product.deviceIds
      // beta's devices (fleet-2, fleet-4) are seeded offline: bring them online so they can update now
      sim.setOnline(fleet2!, true)
      sim.setOnline(fleet4!, true)
      const { expected, updated } = yield* program(new TextEncoder().encode("FIRMWARE v7"))
      assert.strictEqual(expected, 2)
      assert.deepStrictEqual([...updated].sort(), [fleet2, fleet4].sort())
      // and their records say so; devices outside beta keep the product default
      const { devices } = yield* listProductDevices({ product })
      assert.deepStrictEqual(devices.map((d) => [d.name, d.firmware_version]), [
        ["fleet-1", 1],
        ["fleet-2", 7],
        ["fleet-3", 1],
        ["fleet-4", 7],
        ["fleet-5", 1]
      ])
    }))
})
