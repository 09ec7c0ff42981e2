/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { NonBlank } from "./internal/input.js"

/**
 * Signs up a new account (`POST /v1/users` with JSON `{ username, password, account_info, utm }`, as
 * particle-api-js sends it; no Bearer token). Particle then emails a verification link whose token
 * {@link verifyUser} takes.
 *
 * Options: `username` (an email), `password` (a `Redacted<string>` or a plain string), `accountInfo`
 * (`first_name`, `last_name`, `business_account`, `company_name`, …), `utm` (the campaign that led here).
 *
 * Errors:
 * - `BadRequest`: the username is taken or invalid, a password the cloud refuses.
 * - `InvalidInput`: an empty `username` or `password`.
 *
 * @example
 * ```ts
 * import { createUser } from "@effect-particle/auth"
 *
 * const signUp = createUser({
 *   username: "ada@example.com",
 *   password: "correct horse battery staple",
 *   accountInfo: { first_name: "Ada" }
 * })
 * ```
 *
 * @since 0.1.0
 * @category user
 */
export const createUser = /*#__PURE__*/ Operation.make({
  name: "createUser",
  summary: "Sign up a new account",
  method: "POST",
  routes: [{ path: "/v1/users" }],
  auth: false,
  input: Schema.Struct({
    username: NonBlank,
    password: Input.Secret,
    accountInfo: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    utm: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
  }),
  body: (i) =>
    Operation.jsonBody({
      username: i.username,
      password: Redacted.value(i.password),
      account_info: i.accountInfo,
      utm: i.utm
    }),
  response: Operation.empty,
  errors: [ParticleError.BadRequest]
})
