/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { invalidateTokens } from "./internal/input.js"
import { MfaConfirmation } from "./User.js"

/**
 * Finishes MFA enrolment (`POST /v1/user/mfa-enable` with JSON `{ mfa_token, otp }`, plus
 * `invalidate_tokens: true` when asked, as particle-api-js sends it). From then on {@link login} fails with
 * `Forbidden` `mfa_required` and needs {@link sendOtp}. Answers `enrolled` and the recovery codes
 * (`Redacted`).
 *
 * Options: `mfaToken` (from {@link enableMfa}) and `otp` (a code from the authenticator app), each a
 * `Redacted<string>` or a plain string; `invalidateTokens` (revoke every other token of the account).
 *
 * Errors:
 * - `BadRequest`: a wrong one-time password, an unknown or expired MFA token.
 * - `InvalidInput`: an empty `mfaToken` or `otp`.
 *
 * @example
 * ```ts
 * import { confirmMfa, enableMfa } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const confirm = (otp: string) =>
 *   Effect.flatMap(enableMfa(), (started) => confirmMfa({ mfaToken: started.mfa_token, otp }))
 * ```
 *
 * @since 0.1.0
 * @category mfa
 */
export const confirmMfa = /*#__PURE__*/ Operation.make({
  name: "confirmMfa",
  summary: "Finish MFA enrolment with a one-time password",
  method: "POST",
  routes: [{ path: "/v1/user/mfa-enable" }],
  input: Schema.Struct({
    mfaToken: Input.Secret,
    otp: Input.Secret,
    invalidateTokens: Schema.optional(Schema.Boolean)
  }),
  body: (i) =>
    Operation.jsonBody({
      mfa_token: Redacted.value(i.mfaToken),
      otp: Redacted.value(i.otp),
      invalidate_tokens: invalidateTokens(i.invalidateTokens)
    }),
  response: Operation.json(MfaConfirmation),
  errors: [ParticleError.BadRequest]
})
