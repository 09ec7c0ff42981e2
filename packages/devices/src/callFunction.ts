/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { FunctionResult } from "./Cloud.js"

/**
 * The longest function argument Device OS accepts (622 characters since Device OS 0.8; Particle's docs
 * still say 63, which is the limit of older firmware). Longer arguments fail with `InvalidInput` before
 * any request.
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_FUNCTION_ARGUMENT_LENGTH = 622

/**
 * Calls a function of a device (`POST /v1/devices/:id/:name`, or the product twin, with JSON
 * `{ args: argument }`, as particle-api-js sends it; `{}` without an argument). `return_value` is the
 * integer the firmware function returned. A function call is not idempotent, so the client never
 * retries it; compose `Effect.retry` with `Retry.schedule()` from `@effect-particle/core` if you want to.
 *
 * What the errors mean here (every error is listed in the README table):
 * - `NotFound` (404): either the firmware exposes no function with this name, or the device is offline.
 *   Tell them apart by the body — `error` reads like "Function not found" for an unknown function and
 *   like "Device is offline" for an offline device (`e.error`, `e.message`) — or, reliably, with
 *   `getDevice`: `online` says whether it is connected, `functions` lists the names it exposes.
 * - `DeviceTimeout` (408): the device is online but did not answer in time; the function may or may not
 *   have run.
 * - `BadRequest` (400): the device or the cloud rejected the call (e.g. an argument too long for older
 *   firmware).
 * - `Forbidden` (403): user scope — no such device, or someone else's.
 *
 * @example
 * ```ts
 * import { Retry } from "@effect-particle/core"
 * import { callFunction } from "@effect-particle/devices"
 * import { Effect } from "effect"
 *
 * const toggle = callFunction({ deviceId: "0123456789abcdef01234567", name: "led", argument: "on" }).pipe(
 *   Effect.retry({ schedule: Retry.schedule({ times: 2 }), while: Retry.isRetryable }),
 *   Effect.map((r) => r.return_value),
 *   Effect.catchTag("DeviceTimeout", () => Effect.succeed(-1))
 * )
 * ```
 *
 * @since 0.1.0
 * @category variables and functions
 */
export const callFunction = /*#__PURE__*/ Operation.make({
  name: "callFunction",
  summary: "Call a function of a device",
  method: "POST",
  routes: Operation.scoped("/devices/{deviceId}/{name}", "user", "product"),
  input: Input.deviceOptions({
    deviceId: Input.DeviceIdOrName,
    name: Input.NonEmpty,
    argument: Schema.optional(Schema.String.pipe(
      Schema.maxLength(MAX_FUNCTION_ARGUMENT_LENGTH, {
        message: () => `must be at most ${MAX_FUNCTION_ARGUMENT_LENGTH} characters`
      })
    )),
    product: Schema.optional(Input.Product)
  }),
  body: (i) => Operation.jsonBody({ args: i.argument }),
  response: Operation.json(FunctionResult),
  errors: [ParticleError.BadRequest, ParticleError.NotFound, ParticleError.DeviceTimeout]
})
