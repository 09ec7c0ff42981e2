/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FirmwareVersion, GroupName } from "./Product.js"
import { ReleaseImpact } from "./ProductFirmware.js"

/**
 * How many devices a firmware release would update, before releasing it
 * (`GET /v1/products/:product/impact?action=edit_groups_for_firmware&firmware_version=…&groups=a,b&product_default=…`):
 * `{ devices: { firmware_update: { total, by_version: [{ version, total }] } } }`, counted by the version
 * the devices run now. `groups` (sent comma-joined) are the groups the version would be released to;
 * leave it out to see the impact of withdrawing it from every group. particle-api-js has no such method.
 *
 * Errors:
 * - `NotFound`: no such product.
 * - `BadRequest`: Particle rejected the query.
 * - `Forbidden`: not on the product's team.
 * - `InvalidInput`: a bad `version`, group name or `product`.
 *
 * @example
 * ```ts
 * import { getFirmwareReleaseImpact } from "@effect-particle/products"
 * import { Effect } from "effect"
 *
 * const updated = getFirmwareReleaseImpact({ product: 4242, version: 3, groups: ["beta"] }).pipe(
 *   Effect.map((impact) => impact.devices.firmware_update.total)
 * )
 * ```
 *
 * @since 0.1.0
 * @category firmware
 */
export const getFirmwareReleaseImpact = /*#__PURE__*/ Operation.make({
  name: "getFirmwareReleaseImpact",
  summary: "Count the devices a firmware release would update",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/impact" }],
  input: Schema.Struct({
    product: Input.Product,
    version: FirmwareVersion,
    groups: Schema.optional(Schema.Array(GroupName)),
    productDefault: Schema.optional(Schema.Boolean)
  }),
  query: (i) => ({
    action: "edit_groups_for_firmware",
    firmware_version: i.version,
    groups: i.groups !== undefined ? i.groups.join(",") : undefined,
    product_default: i.productDefault
  }),
  response: Operation.json(ReleaseImpact),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
