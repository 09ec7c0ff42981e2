/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { VitalsMetadata } from "./Diagnostics.js"

/**
 * Gets the descriptions of the vitals a device reports — titles, types, units, ranges and messages, to
 * display them (`GET /v1/diagnostics/:id/metadata`, or the product twin).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: user scope — unknown device or someone else's; product scope — not on the team.
 * - `NotFound`: product scope — the device is not in the product, or no such product.
 *
 * @example
 * ```ts
 * import { getDeviceVitalsMetadata } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const groups = getDeviceVitalsMetadata({ deviceId: "my-boron" }).pipe(
 *   Effect.map((r) => Object.keys(r.diagnostics_metadata.device ?? {}))
 * )
 * ```
 *
 * @since 0.1.0
 * @category vitals
 */
export const getDeviceVitalsMetadata = /*#__PURE__*/ Operation.make({
  name: "getDeviceVitalsMetadata",
  summary: "Describe the vitals a device reports",
  method: "GET",
  routes: Operation.scoped("/diagnostics/{deviceId}/metadata", "user", "product"),
  input: Input.deviceOptions({ deviceId: Input.DeviceIdOrName, product: Schema.optional(Input.Product) }),
  response: Operation.json(VitalsMetadata),
  errors: [ParticleError.NotFound]
})
