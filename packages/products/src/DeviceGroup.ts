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
 * @example
 * ```ts
 * import { DeviceGroup } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(DeviceGroup.DeviceGroup)
 * ```
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
 * @example
 * ```ts
 * import type { DeviceGroup } from "@effect-particle/products"
 *
 * const released = (group: DeviceGroup.DeviceGroup) => group.fw_version ?? undefined
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceGroup = typeof DeviceGroup.Type

/**
 * The answer of `listDeviceGroups`: `{ groups: [...] }`.
 *
 * @example
 * ```ts
 * import { DeviceGroup } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(DeviceGroup.DeviceGroupList)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceGroupList = /*#__PURE__*/ Schema.Struct({ groups: Schema.Array(DeviceGroup) })

/**
 * @example
 * ```ts
 * import type { DeviceGroup } from "@effect-particle/products"
 *
 * const names = (list: DeviceGroup.DeviceGroupList) => list.groups.map((g) => g.name)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceGroupList = typeof DeviceGroupList.Type

/**
 * The answer of `getDeviceGroup`, `createDeviceGroup` and `updateDeviceGroup`: `{ group: {...} }`.
 *
 * @example
 * ```ts
 * import { DeviceGroup } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(DeviceGroup.DeviceGroupInfo)
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const DeviceGroupInfo = /*#__PURE__*/ Schema.Struct({ group: DeviceGroup })

/**
 * @example
 * ```ts
 * import type { DeviceGroup } from "@effect-particle/products"
 *
 * const size = (info: DeviceGroup.DeviceGroupInfo) => info.group.device_count ?? 0
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceGroupInfo = typeof DeviceGroupInfo.Type

/**
 * The answer of `assignDeviceGroups`: the device's id and its groups now.
 *
 * @example
 * ```ts
 * import { DeviceGroup } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const decode = Schema.decodeUnknownEither(DeviceGroup.DeviceGroupAssignment)
 * ```
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
 * @example
 * ```ts
 * import type { DeviceGroup } from "@effect-particle/products"
 *
 * const groups = (answer: DeviceGroup.DeviceGroupAssignment) => answer.groups.join(", ")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type DeviceGroupAssignment = typeof DeviceGroupAssignment.Type

/**
 * A group color: `#` and three or six hex digits.
 *
 * @example
 * ```ts
 * import { DeviceGroup } from "@effect-particle/products"
 * import { Schema } from "effect"
 *
 * const value = Schema.decodeUnknownSync(DeviceGroup.Color)("#34495e")
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const Color = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { message: () => "must be a hex color such as #34495e" })
)
