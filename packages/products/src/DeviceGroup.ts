/**
 * Schemas of device groups: named sets of a product's devices, used to target firmware releases and to
 * filter device lists, locations and fleet metrics.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A device group. `fw_version` is the product firmware version released to the group (absent or null when
 * none is); `device_count` comes with single-group answers.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceGroup = /*#__PURE__*/ Schema.Struct({
  name: Schema.String,
  description: Schema.optional(Schema.NullOr(Schema.String)),
  /** A hex color (`#34495e`) the Console shows next to the group. */
  color: Schema.optional(Schema.NullOr(Schema.String)),
  fw_version: Schema.optional(Schema.NullOr(Schema.Number)),
  device_count: Schema.optional(Schema.Number)
})

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceGroup = typeof DeviceGroup.Type

/**
 * The answer of `listDeviceGroups`: `{ groups: [...] }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceGroupList = /*#__PURE__*/ Schema.Struct({ groups: Schema.Array(DeviceGroup) })

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceGroupList = typeof DeviceGroupList.Type

/**
 * The answer of `getDeviceGroup`, `createDeviceGroup` and `updateDeviceGroup`: `{ group: {...} }`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceGroupInfo = /*#__PURE__*/ Schema.Struct({ group: DeviceGroup })

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceGroupInfo = typeof DeviceGroupInfo.Type

/**
 * The answer of `assignDeviceGroups`: the device's id and its groups now.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceGroupAssignment = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  groups: Schema.Array(Schema.String),
  updated_at: Schema.optional(Schema.String)
})

/**
 * @since 0.1.0
 * @category models
 */
export type DeviceGroupAssignment = typeof DeviceGroupAssignment.Type

/**
 * A group color: `#` and three or six hex digits.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Color = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { message: () => "must be a hex color such as #34495e" })
)
