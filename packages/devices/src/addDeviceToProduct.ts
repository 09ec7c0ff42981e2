/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { ImportResult } from "./Device.js"

/**
 * Adds devices to a product (`POST /v1/products/:product/devices`): one device by `deviceId` (sent as
 * JSON `{ id }`; this also approves a quarantined device), or many with `file`, a text file of device
 * ids, serial numbers, IMEIs or ICCIDs, one per line (sent as the multipart part `file`, as
 * particle-api-js does). `file` wins when both are given. The file is bytes, a `Blob`, or on Node (with
 * the `@effect-particle/core/node` layer) a path.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound`: no such product.
 * - `Forbidden`: not on the product's team.
 * - `BadRequest`: neither an id nor a file reached Particle, or the file was rejected.
 *
 * @example
 * ```ts
 * import { addDeviceToProduct } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const ids = new TextEncoder().encode("0123456789abcdef01234567\n0123456789abcdef01234568\n")
 * const report = addDeviceToProduct({ product: "my-fleet", file: ids }).pipe(
 *   Effect.map((r) => `${r.updated} added, invalid: ${r.invalidDeviceIds.join(", ")}`)
 * )
 * ```
 *
 * @since 0.1.0
 * @category products
 */
export const addDeviceToProduct = /*#__PURE__*/ Operation.make({
  name: "addDeviceToProduct",
  summary: "Add a device, or a file of devices, to a product",
  method: "POST",
  routes: [{ path: "/v1/products/{product}/devices" }],
  input: Schema.Struct({
    product: Input.Product,
    deviceId: Schema.optional(Input.DeviceId),
    file: Schema.optional(Input.FileInput)
  }).pipe(
    Schema.filter((i) =>
      i.deviceId !== undefined || i.file !== undefined ||
      { path: ["deviceId"], message: "is required unless a file is given" }
    )
  ),
  body: (i) =>
    i.file !== undefined
      ? Operation.multipartBody(Operation.fileParts({ file: i.file }))
      : Operation.jsonBody({ id: i.deviceId }),
  response: Operation.json(ImportResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound]
})
