import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

const isMine = (deviceId: unknown) => typeof deviceId === "string" && deviceId.toLowerCase() === "mine"
const DEVICE_ID = /^[0-9a-fA-F]{24}$/

/**
 * The scope of a stream, as particle-api-js takes it: `deviceId` (`"mine"`, an ID, or in the user scope a
 * name), `product`, `org`, and an event-name prefix `name`.
 */
export const ScopeOptions = Schema.Struct({
  deviceId: Schema.optional(Schema.String),
  product: Schema.optional(Input.Product),
  org: Schema.optional(Input.Org),
  name: Schema.optional(
    Schema.String.pipe(
      Schema.minLength(1, { message: () => "must be a non-empty event-name prefix" }),
      Schema.maxLength(64, { message: () => "must be at most 64 characters (longer names never match)" })
    )
  )
}).pipe(
  Schema.filter((o) => {
    const mine = isMine(o.deviceId)
    if (o.deviceId !== undefined && !mine) {
      if (o.org !== undefined || o.product !== undefined) {
        if (!DEVICE_ID.test(o.deviceId)) {
          return {
            path: ["deviceId"],
            message: "must be a device ID (24 hexadecimal characters) in a product or org scope"
          }
        }
      } else if (!Schema.is(Input.DeviceIdOrName)(o.deviceId)) {
        return {
          path: ["deviceId"],
          message: "must be \"mine\", a device ID (24 hexadecimal characters) or a device name"
        }
      }
    }
    if (mine && o.product !== undefined && o.org === undefined) {
      return { path: ["deviceId"], message: "\"mine\" selects your own devices and cannot be combined with product" }
    }
    if (o.deviceId === undefined && o.product === undefined && o.org === undefined && o.name === undefined) {
      return {
        path: ["deviceId"],
        message: "is required: pass deviceId (\"mine\" for all your devices), product, org or name"
      }
    }
    return undefined
  })
)

const mine = (o: { readonly deviceId?: string | undefined }) => isMine(o.deviceId)
const device = (o: { readonly deviceId?: string | undefined }) => o.deviceId !== undefined && !isMine(o.deviceId)

/**
 * The event-stream endpoint of every scope, in particle-api-js's order (`/v1/` + [`orgs/{org}/`] +
 * [`products/{product}/`] + [`devices/` + [`{deviceId}/`]] + `events` + [`/{name}`]).
 */
export const openEventStream = /*#__PURE__*/ Operation.make({
  name: "openEventStream",
  summary: "Open a server-sent event stream",
  method: "GET",
  routes: [
    { path: "/v1/orgs/{org}/products/{product}/devices/{deviceId}/events{/name}", when: device },
    { path: "/v1/orgs/{org}/products/{product}/devices/events{/name}", when: mine },
    { path: "/v1/orgs/{org}/products/{product}/events{/name}" },
    { path: "/v1/orgs/{org}/devices/{deviceId}/events{/name}", when: device },
    { path: "/v1/orgs/{org}/devices/events{/name}", when: mine },
    { path: "/v1/orgs/{org}/events{/name}" },
    { path: "/v1/products/{product}/devices/{deviceId}/events{/name}", when: device },
    { path: "/v1/products/{product}/events{/name}" },
    { path: "/v1/devices/events{/name}", when: mine },
    { path: "/v1/devices/{deviceId}/events{/name}" },
    { path: "/v1/events/{name}" }
  ],
  input: ScopeOptions,
  response: Operation.stream,
  errors: [ParticleError.BadRequest, ParticleError.NotFound, ParticleError.DeviceTimeout]
})
