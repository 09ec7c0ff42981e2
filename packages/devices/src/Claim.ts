/**
 * Schemas of the claiming, provisioning and serial-number endpoints.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The answer of `claimDevice`. A claim answers `{ ok, id, connected, user_id }` (the field set differs
 * between Particle's docs and particle-api-js, so everything but `ok` is optional); a transfer request
 * answers `{ ok, transfer_id }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClaimResult = /*#__PURE__*/ Schema.Struct({
  ok: Schema.Boolean,
  id: Schema.optional(Schema.String),
  deviceID: Schema.optional(Schema.String),
  claimed: Schema.optional(Schema.Boolean),
  connected: Schema.optional(Schema.Boolean),
  user_id: Schema.optional(Schema.String),
  /** Set when `requestTransfer` was asked for a device someone else owns. */
  transfer_id: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ClaimResult extends Schema.Schema.Type<typeof ClaimResult> {}

/**
 * The answer of `getClaimCode`: a 63-character code to give a device during setup, and the ids of the
 * devices already claimed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ClaimCode = /*#__PURE__*/ Schema.Struct({
  claim_code: Schema.String,
  device_ids: Schema.optional(Schema.Array(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ClaimCode extends Schema.Schema.Type<typeof ClaimCode> {}

/**
 * The answer of `lookupSerialNumber`. Particle's docs show `{ ok, deviceID, iccid }`, particle-api-js
 * types `{ serial_number, device_id, platform_id }`: every field is optional and both spellings of the
 * device id are kept.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SerialNumberLookup = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  deviceID: Schema.optional(Schema.String),
  device_id: Schema.optional(Schema.String),
  serial_number: Schema.optional(Schema.String),
  platform_id: Schema.optional(Schema.Number),
  iccid: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface SerialNumberLookup extends Schema.Schema.Type<typeof SerialNumberLookup> {}

/**
 * The answer of `sendPublicKey`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PublicKeyResult = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  device_id: Schema.optional(Schema.String)
})
