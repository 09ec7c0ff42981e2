/**
 * @since 0.1.0
 */
import { Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"
import { MfaEnrollment } from "./User.js"

/**
 * Starts MFA enrolment (`GET /v1/user/mfa-enable`): answers an `mfa_token`, the `otpauth://` URL to show as
 * a QR code and the TOTP `secret`, all `Redacted`. Add the secret to an authenticator app, then confirm
 * with {@link confirmMfa} and a code from the app.
 *
 * Errors: `BadRequest` (MFA is already on), `Unauthorized`.
 *
 * @example
 * ```ts
 * import { confirmMfa, enableMfa } from "@effect-particle/auth"
 * import { Effect, Redacted } from "effect"
 *
 * const enrol = (show: (qrUrl: string) => Effect.Effect<void>, askOtp: Effect.Effect<string>) =>
 *   Effect.gen(function*() {
 *     const started = yield* enableMfa()
 *     yield* show(Redacted.value(started.qr_url))
 *     const confirmed = yield* confirmMfa({ mfaToken: started.mfa_token, otp: yield* askOtp })
 *     return confirmed.tokens ?? [] // recovery codes, Redacted
 *   })
 * ```
 *
 * @since 0.1.0
 * @category mfa
 */
export const enableMfa = /*#__PURE__*/ Operation.make({
  name: "enableMfa",
  summary: "Start MFA enrolment (TOTP secret and QR URL)",
  method: "GET",
  routes: [{ path: "/v1/user/mfa-enable" }],
  input: Schema.Struct({}),
  response: Operation.json(MfaEnrollment),
  errors: [ParticleError.BadRequest]
})
