/**
 * @since 0.1.0
 */
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { grantForm, TOKEN_PATH, tokenResponse } from "./internal/grant.js"
import { defaultClient, TokenDuration } from "./internal/input.js"

/**
 * The second step of an MFA login: exchanges the `mfaToken` of {@link login}'s `Forbidden` error and a
 * one-time password from the authenticator app for a token (form-encoded `POST /oauth/token` with
 * `grant_type=urn:custom:mfa-otp`, `mfa_token`, `otp`, `client_id`, `client_secret`, as particle-api-js sends
 * it). Use the same `clientId` as the login.
 *
 * Options: `mfaToken`, `otp` (both `Redacted<string>` or plain strings, wrapped at once), `tokenDuration`
 * (seconds; sent only when given), `clientId` / `clientSecret` (default `particle` / `particle`).
 *
 * Errors:
 * - `BadRequest`: a wrong one-time password or an expired MFA token (`invalid_grant`; the MFA token stays
 *   valid after a wrong code, so ask again, as particle-cli does), `invalid_request` "You must provide otp
 *   and mfa token.".
 * - `InvalidInput`: an empty `mfaToken` or `otp`.
 *
 * @example
 * ```ts
 * import { sendOtp } from "@effect-particle/auth"
 * import { Effect, Redacted } from "effect"
 *
 * declare const mfaToken: string
 * const token = sendOtp({ mfaToken, otp: "123456" }).pipe(Effect.map((t) => Redacted.value(t.access_token)))
 * ```
 *
 * @since 0.1.0
 * @category grants
 */
export const sendOtp = /*#__PURE__*/ Operation.make({
  name: "sendOtp",
  summary: "Finish an MFA login with a one-time password",
  method: "POST",
  routes: [{ path: TOKEN_PATH }],
  auth: false,
  input: Schema.Struct({
    mfaToken: Input.Secret,
    otp: Input.Secret,
    tokenDuration: Schema.optional(TokenDuration),
    ...defaultClient
  }),
  body: (i) =>
    grantForm("urn:custom:mfa-otp", i, {
      mfa_token: Redacted.value(i.mfaToken),
      otp: Redacted.value(i.otp),
      expires_in: i.tokenDuration
    }),
  response: tokenResponse,
  errors: [ParticleError.BadRequest, ParticleError.Forbidden]
})
