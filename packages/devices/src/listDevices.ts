/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { DeviceSummary } from "./Device.js"

/**
 * Lists the devices the token's user owns (`GET /v1/devices`), most recently connected first, as an
 * array. For the devices of a product (paged, with filters) use `listProductDevices`, or
 * `streamDevices` to walk every page; particle-api-js's `listDevices({ product })` is split in two so
 * that each function has one result type.
 *
 * Every error is listed in the README table; none has a meaning particular to this endpoint.
 *
 * @example
 * ```ts
 * import { listDevices } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const onlineNames = listDevices().pipe(
 *   Effect.map((devices) => devices.filter((d) => d.online).map((d) => d.name))
 * )
 * ```
 *
 * @since 0.1.0
 * @category devices
 */
export const listDevices = /*#__PURE__*/ Operation.make({
  name: "listDevices",
  summary: "List the devices of the user",
  method: "GET",
  routes: [{ path: "/v1/devices" }],
  input: Schema.Struct({}),
  response: Operation.json(Schema.Array(DeviceSummary))
})
