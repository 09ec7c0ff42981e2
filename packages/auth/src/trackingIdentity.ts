/**
 * @since 0.1.0
 */
import { Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { TrackingIdentity } from "./User.js"

/**
 * Who the token belongs to, for an analytics tool (`GET /v1/user/identify`): by default only the unique
 * tracking id (`?tracking=1`, as particle-api-js asks), with `full: true` everything needed to register the
 * user with the tracking service (the email).
 *
 * Errors: `Unauthorized` (the token is invalid or expired).
 *
 * @example
 * ```ts
 * import { trackingIdentity } from "@effect-particle/auth"
 *
 * const identity = trackingIdentity({ full: true })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const trackingIdentity = /*#__PURE__*/ Operation.make({
  name: "trackingIdentity",
  summary: "Get the user's tracking identity",
  method: "GET",
  routes: [{ path: "/v1/user/identify" }],
  input: Schema.Struct({ full: Schema.optional(Schema.Boolean) }),
  query: (i) => (i.full === true ? {} : { tracking: 1 }),
  response: Operation.json(TrackingIdentity)
})
