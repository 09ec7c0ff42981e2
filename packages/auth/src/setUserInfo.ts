/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/**
 * Sets the account's extended info (`PUT /v1/user` with JSON `{ account_info }`, as particle-api-js sends
 * it): `first_name`, `last_name`, `company_name`, `business_account` and other fields Particle keeps. The
 * fields given are merged into what is stored.
 *
 * Errors: `BadRequest` (the cloud rejected a field), `Unauthorized`.
 *
 * @example
 * ```ts
 * import { setUserInfo } from "@effect-particle/auth"
 *
 * const business = setUserInfo({ accountInfo: { business_account: true, company_name: "Acme" } })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const setUserInfo = /*#__PURE__*/ Operation.make({
  name: "setUserInfo",
  summary: "Set the account's extended info (names, company)",
  method: "PUT",
  routes: [{ path: "/v1/user" }],
  input: Schema.Struct({ accountInfo: Schema.Record({ key: Schema.String, value: Schema.Unknown }) }),
  body: (i) => Operation.jsonBody({ account_info: i.accountInfo }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
