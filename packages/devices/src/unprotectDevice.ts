/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { UnprotectResult } from "./Device.js"

/**
 * Runs one step of the handshake that disables device protection for a service session
 * (`PUT …/devices/:id/unprotect`): `action: "prepare"` with the device's `deviceNonce` returns the
 * `server_nonce`; `action: "confirm"` sends the device's `deviceSignature` and
 * `devicePublicKeyFingerprint`. The route is the org one with `org`, else the product one with
 * `product`, else the user one (particle-api-js order). Nonce fields are sent only when given.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: an unknown `action`, or a signature Particle rejects.
 * - `NotFound`: the device is not in the product / org.
 * - `Forbidden`: not your device, or not on the team.
 *
 * @example
 * ```ts
 * import { unprotectDevice } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const serverNonce = unprotectDevice({
 *   org: "acme",
 *   deviceId: "0123456789abcdef01234567",
 *   action: "prepare",
 *   deviceNonce: "3f1c…"
 * }).pipe(Effect.map((r) => r.server_nonce))
 * ```
 *
 * @since 0.1.0
 * @category protection
 */
export const unprotectDevice = /*#__PURE__*/ Operation.make({
  name: "unprotectDevice",
  summary: "Disable device protection (prepare / confirm handshake)",
  method: "PUT",
  routes: Operation.scoped("/devices/{deviceId}/unprotect", "user", "product", "org"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    org: Schema.optional(Input.Org),
    action: Schema.Literal("prepare", "confirm"),
    deviceNonce: Schema.optional(Schema.String),
    serverNonce: Schema.optional(Schema.String),
    deviceSignature: Schema.optional(Schema.String),
    devicePublicKeyFingerprint: Schema.optional(Schema.String)
  }),
  body: (i) =>
    Operation.jsonBody({
      action: i.action,
      device_nonce: i.deviceNonce,
      server_nonce: i.serverNonce,
      device_signature: i.deviceSignature,
      device_public_key_fingerprint: i.devicePublicKeyFingerprint
    }),
  response: Operation.json(UnprotectResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
