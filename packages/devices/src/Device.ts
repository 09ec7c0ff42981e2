/**
 * Schemas of device objects and of the answers of the device update endpoints. Field names stay as
 * Particle sends them; unknown extra fields are tolerated.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * Device protection state (Device OS 6+ "protected devices").
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceProtection = /*#__PURE__*/ Schema.Struct({
  status: Schema.String
})

/**
 * A device as `GET /v1/devices` lists it. Fields that Particle only sends for some devices (cellular
 * ids, product fields, the owner) are optional.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceSummary = /*#__PURE__*/ Schema.Struct({
  /** 24 hex characters. */
  id: Schema.String,
  name: Schema.NullOr(Schema.String),
  last_ip_address: Schema.optional(Schema.NullOr(Schema.String)),
  /** ISO-8601 time the cloud last heard from the device. */
  last_heard: Schema.optional(Schema.NullOr(Schema.String)),
  last_handshake_at: Schema.optional(Schema.NullOr(Schema.String)),
  /** The product id, or the platform id for a developer device. */
  product_id: Schema.Number,
  /** Whether the device is connected to the cloud (cellular devices may lag ~46 min). */
  online: Schema.Boolean,
  /** Deprecated alias of `online`. */
  connected: Schema.optional(Schema.Boolean),
  /** 6 Photon, 12 Argon, 13 Boron, 32 P2, … */
  platform_id: Schema.Number,
  cellular: Schema.optional(Schema.Boolean),
  notes: Schema.optional(Schema.NullOr(Schema.String)),
  /** Names of the functions the firmware exposes. */
  functions: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
  /** Variable names to their types (`int32`, `double`, `string`, `bool`). */
  variables: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.String }))),
  /** `normal` or `safe_mode`. */
  status: Schema.optional(Schema.String),
  serial_number: Schema.optional(Schema.String),
  iccid: Schema.optional(Schema.String),
  imei: Schema.optional(Schema.String),
  mac_wifi: Schema.optional(Schema.String),
  system_firmware_version: Schema.optional(Schema.String),
  firmware_updates_enabled: Schema.optional(Schema.Boolean),
  firmware_updates_forced: Schema.optional(Schema.Boolean),
  device_protection: Schema.optional(DeviceProtection),
  pinned_build_target: Schema.optional(Schema.String),
  default_build_target: Schema.optional(Schema.String),
  /** Product devices only: the product whose firmware the device runs. */
  firmware_product_id: Schema.optional(Schema.Number),
  /** Product devices only: the device groups. */
  groups: Schema.optional(Schema.Array(Schema.String)),
  /** Product devices only: the product firmware version the device runs. */
  firmware_version: Schema.optional(Schema.NullOr(Schema.Number)),
  /** Product devices only: the version the device is locked to, `null` when unlocked. */
  desired_firmware_version: Schema.optional(Schema.NullOr(Schema.Number)),
  targeted_firmware_release_version: Schema.optional(Schema.NullOr(Schema.Number)),
  development: Schema.optional(Schema.Boolean),
  quarantined: Schema.optional(Schema.Boolean),
  denied: Schema.optional(Schema.Boolean),
  /** The owner's username (single-device answers, and claimed product devices). */
  owner: Schema.optional(Schema.NullOr(Schema.String))
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DeviceSummary extends Schema.Schema.Type<typeof DeviceSummary> {}

/**
 * One device as `GET /v1/devices/:id` (or its product twin) answers: the list fields plus the owner and
 * the mobile secret.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Device = /*#__PURE__*/ Schema.Struct({
  ...DeviceSummary.fields,
  mobile_secret: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface Device extends Schema.Schema.Type<typeof Device> {}

/**
 * Paging information of product lists.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PageMeta = /*#__PURE__*/ Schema.Struct({
  total_pages: Schema.Number,
  page: Schema.optional(Schema.Number),
  per_page: Schema.optional(Schema.Number),
  total: Schema.optional(Schema.Number)
})

/**
 * A customer that owns devices of a product page.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Customer = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  username: Schema.String
})

/**
 * One page of `GET /v1/products/:product/devices`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ProductDeviceList = /*#__PURE__*/ Schema.Struct({
  devices: Schema.Array(DeviceSummary),
  customers: Schema.optional(Schema.Array(Customer)),
  meta: PageMeta
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ProductDeviceList extends Schema.Schema.Type<typeof ProductDeviceList> {}

/**
 * The answer of the `PUT /v1/devices/:id` family (rename, notes, signal, development flag, firmware
 * lock, combined update): the device id, the attributes that changed, and when. Which attributes are
 * present depends on what was sent.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceUpdate = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String)),
  notes: Schema.optional(Schema.NullOr(Schema.String)),
  /** Signal answers: whether the device is connected. */
  connected: Schema.optional(Schema.Boolean),
  /** Signal answers: whether the device is now shouting rainbows. */
  signaling: Schema.optional(Schema.Boolean),
  development: Schema.optional(Schema.Boolean),
  desired_firmware_version: Schema.optional(Schema.NullOr(Schema.Number)),
  groups: Schema.optional(Schema.Array(Schema.String)),
  firmware_updates_forced: Schema.optional(Schema.Boolean),
  firmware_updates_enabled: Schema.optional(Schema.Boolean),
  updated_at: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface DeviceUpdate extends Schema.Schema.Type<typeof DeviceUpdate> {}

/**
 * The answer of a rename: the new name and when it changed.
 *
 * @since 0.1.0
 * @category schemas
 */
export const RenameResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  updated_at: Schema.optional(Schema.String)
})

/**
 * The answer of `setDeviceNotes`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NotesResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  notes: Schema.NullOr(Schema.String),
  updated_at: Schema.optional(Schema.String)
})

/**
 * The answer of `signalDevice`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const SignalResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  connected: Schema.Boolean,
  signaling: Schema.Boolean
})

/**
 * The answer of `markAsDevelopmentDevice`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DevelopmentResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  development: Schema.Boolean,
  updated_at: Schema.optional(Schema.String)
})

/**
 * The answer of `lockDeviceProductFirmware` / `unlockDeviceProductFirmware`: the locked version, `null`
 * when unlocked.
 *
 * @since 0.1.0
 * @category schemas
 */
export const FirmwareLockResult = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  desired_firmware_version: Schema.NullOr(Schema.Number),
  updated_at: Schema.optional(Schema.String)
})

/**
 * The answer of `pingDevice`: whether the device answered the cloud's ping.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PingResult = /*#__PURE__*/ Schema.Struct({
  online: Schema.Boolean,
  ok: Schema.Boolean
})

/**
 * The answer of `unprotectDevice`. `prepare` returns the `server_nonce` the device must sign.
 *
 * @since 0.1.0
 * @category schemas
 */
export const UnprotectResult = /*#__PURE__*/ Schema.Struct({
  ok: Schema.Boolean,
  server_nonce: Schema.optional(Schema.String)
})

/**
 * The answer of `flashDevice`: source uploads answer `{ ok, message }`, binaries `{ id, status }`;
 * both mean the update has started (watch `spark/flash/status` events for the outcome).
 *
 * @since 0.1.0
 * @category schemas
 */
export const FlashResult = /*#__PURE__*/ Schema.Struct({
  ok: Schema.optional(Schema.Boolean),
  id: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface FlashResult extends Schema.Schema.Type<typeof FlashResult> {}

/**
 * The answer of `addDeviceToProduct`: how many devices were added (or approved), the ids that were not
 * yet known to Particle, and the lines that were not valid identifiers.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ImportResult = /*#__PURE__*/ Schema.Struct({
  updated: Schema.Number,
  nonmemberDeviceIds: Schema.Array(Schema.String),
  invalidDeviceIds: Schema.Array(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export interface ImportResult extends Schema.Schema.Type<typeof ImportResult> {}
