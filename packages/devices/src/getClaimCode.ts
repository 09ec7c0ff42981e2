/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ClaimCode } from "./Claim.js"

/**
 * Creates a claim code (`POST /v1/device_claims`, or `/v1/products/:product/device_claims` to claim into
 * a product as its customer/team member) to give a device during setup, optionally for the cellular
 * device with SIM `iccid` (sent as JSON `{ iccid }`).
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: no such product.
 * - `BadRequest`: Particle rejected the `iccid`.
 * - `Forbidden`: the token may not create claim codes for this product.
 *
 * @example
 * ```ts
 * import { getClaimCode } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const code = getClaimCode({ product: "my-fleet" }).pipe(Effect.map((r) => r.claim_code))
 * ```
 *
 * @since 0.1.0
 * @category claiming
 */
export const getClaimCode = /*#__PURE__*/ Operation.make({
  name: "getClaimCode",
  summary: "Create a claim code",
  method: "POST",
  routes: Operation.scoped("/device_claims", "user", "product"),
  input: Schema.Struct({ iccid: Schema.optional(Input.NonEmpty), product: Schema.optional(Input.Product) }),
  body: (i) => Operation.jsonBody({ iccid: i.iccid }),
  response: Operation.json(ClaimCode),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
