/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { PublicKeyResult } from "./Claim.js"

const utf8 = /*#__PURE__*/ new TextDecoder()

/**
 * Registers a device's public key with the cloud (`POST /v1/provisioning/:deviceId`), as
 * particle-api-js sends it: JSON `{ deviceID, publicKey, filename: "particle-api",
 * order: "manual_<ms since epoch>", algorithm }`. `key` is the PEM text, or its bytes (decoded as UTF-8);
 * `algorithm` is `rsa` (default) or `ecc`.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `BadRequest`: no or malformed key / device id.
 * - `Forbidden`: the device belongs to someone else.
 *
 * @example
 * ```ts
 * import { sendPublicKey } from "@effect-particle/devices"
 *
 * const register = sendPublicKey({
 *   deviceId: "0123456789abcdef01234567",
 *   key: "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----\n",
 *   algorithm: "ecc"
 * })
 * ```
 *
 * @since 0.1.0
 * @category claiming
 */
export const sendPublicKey = /*#__PURE__*/ Operation.make({
  name: "sendPublicKey",
  summary: "Register a device's public key",
  method: "POST",
  routes: [{ path: "/v1/provisioning/{deviceId}" }],
  input: Schema.Struct({
    deviceId: Input.DeviceId,
    key: Schema.Union(
      Input.NonEmpty,
      Schema.Uint8ArrayFromSelf.pipe(Schema.filter((b) => b.length > 0 || "must not be empty"))
    ),
    algorithm: Schema.optional(Schema.Literal("rsa", "ecc"))
  }),
  body: (i) =>
    Operation.jsonBody({
      deviceID: i.deviceId,
      publicKey: typeof i.key === "string" ? i.key : utf8.decode(i.key),
      filename: "particle-api",
      order: `manual_${Date.now()}`,
      algorithm: i.algorithm ?? "rsa"
    }),
  response: Operation.json(PublicKeyResult),
  errors: [ParticleError.BadRequest]
})
