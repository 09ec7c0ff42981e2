/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ClaimResult } from "./Claim.js"

/**
 * Claims a device for the token's user (`POST /v1/devices` with `{ id, request_transfer }`). With
 * `requestTransfer: true`, a device owned by someone else gets a transfer request instead (the answer
 * carries `transfer_id`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `Forbidden`: the device belongs to someone else (and no transfer was requested).
 * - `NotFound`: Particle does not know this device id.
 * - `BadRequest`: the request was rejected (e.g. the device cannot be claimed).
 *
 * @example
 * ```ts
 * import { claimDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const claim = claimDevice({ deviceId: "0123456789abcdef01234567" }).pipe(
 *   Effect.catchTag("Forbidden", () => claimDevice({ deviceId: "0123456789abcdef01234567", requestTransfer: true }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category claiming
 */
export const claimDevice = /*#__PURE__*/ Operation.make({
  name: "claimDevice",
  summary: "Claim a device (or request its transfer)",
  method: "POST",
  routes: [{ path: "/v1/devices" }],
  input: Schema.Struct({ deviceId: Input.DeviceId, requestTransfer: Schema.optional(Schema.Boolean) }),
  body: (i) => Operation.jsonBody({ id: i.deviceId, request_transfer: i.requestTransfer === true }),
  response: Operation.json(ClaimResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
