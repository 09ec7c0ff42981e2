/**
 * Schemas of the user account: its info, tracking identity and MFA enrolment. Secrets (the MFA token, the
 * TOTP secret and its QR URL, recovery codes) decode to `Redacted<string>`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { SecretString } from "./Token.js"

/**
 * The account's extended info (`account_info`): names, company, business flag, and whatever else Particle
 * stores there (kept as is).
 *
 * @example
 * ```ts
 * import { setUserInfo } from "@effect-particle/auth"
 *
 * const rename = setUserInfo({ accountInfo: { first_name: "Ada", last_name: "Lovelace" } })
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const AccountInfo = /*#__PURE__*/ Schema.Struct(
  {
    first_name: Schema.optional(Schema.String),
    last_name: Schema.optional(Schema.String),
    company_name: Schema.optional(Schema.String),
    business_account: Schema.optional(Schema.Boolean)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

/**
 * The account's extended info.
 *
 * @example
 * ```ts
 * import type { User } from "@effect-particle/auth"
 *
 * const fullName = (i: User.AccountInfo) => [i.first_name, i.last_name].filter(Boolean).join(" ")
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface AccountInfo extends Schema.Schema.Type<typeof AccountInfo> {}

/**
 * The account (`GET /v1/user`): username (the email), account info, MFA state, device counts.
 *
 * @example
 * ```ts
 * import { getUserInfo } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const hasMfa = getUserInfo().pipe(Effect.map((u) => u.mfa?.enabled === true))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const UserInfo = /*#__PURE__*/ Schema.Struct({
  username: Schema.String,
  account_info: Schema.optional(AccountInfo),
  mfa: Schema.optional(Schema.Struct({ enabled: Schema.Boolean })),
  subscription_ids: Schema.optional(Schema.Array(Schema.Unknown)),
  tos: Schema.optional(Schema.Unknown),
  memberships: Schema.optional(Schema.Array(Schema.Unknown)),
  scim_provisioned: Schema.optional(Schema.Boolean),
  no_password: Schema.optional(Schema.Boolean),
  wifi_device_count: Schema.optional(Schema.Number),
  cellular_device_count: Schema.optional(Schema.Number)
})

/**
 * The account.
 *
 * @example
 * ```ts
 * import type { User } from "@effect-particle/auth"
 *
 * const devices = (u: User.UserInfo) => (u.wifi_device_count ?? 0) + (u.cellular_device_count ?? 0)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface UserInfo extends Schema.Schema.Type<typeof UserInfo> {}

/**
 * Who the token belongs to, for analytics (`GET /v1/user/identify`): the user's id, and the email unless
 * only the tracking id was asked for.
 *
 * @example
 * ```ts
 * import { trackingIdentity } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * const id = trackingIdentity().pipe(Effect.map((i) => i.id))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const TrackingIdentity = /*#__PURE__*/ Schema.Struct({
  id: Schema.String,
  email: Schema.optional(Schema.String)
})

/**
 * A tracking identity.
 *
 * @example
 * ```ts
 * import type { User } from "@effect-particle/auth"
 *
 * const trackingId = (i: User.TrackingIdentity) => i.id
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface TrackingIdentity extends Schema.Schema.Type<typeof TrackingIdentity> {}

/**
 * The first step of MFA enrolment (`GET /v1/user/mfa-enable`): the `mfa_token` to confirm with, the
 * `otpauth://` URL to show as a QR code, and the TOTP `secret` to type in instead. All three are secrets
 * (the URL carries the secret), so all three are `Redacted`.
 *
 * @example
 * ```ts
 * import { enableMfa } from "@effect-particle/auth"
 * import { Effect, Redacted } from "effect"
 *
 * const qrCodeUrl = enableMfa().pipe(Effect.map((e) => Redacted.value(e.qr_url)))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const MfaEnrollment = /*#__PURE__*/ Schema.Struct({
  mfa_token: SecretString,
  qr_url: SecretString,
  secret: Schema.optional(SecretString)
})

/**
 * A started MFA enrolment.
 *
 * @example
 * ```ts
 * import type { User } from "@effect-particle/auth"
 * import { Redacted } from "effect"
 *
 * const qrCode = (e: User.MfaEnrollment) => Redacted.value(e.qr_url)
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface MfaEnrollment extends Schema.Schema.Type<typeof MfaEnrollment> {}

/**
 * The answer of MFA confirmation (`POST /v1/user/mfa-enable`): `enrolled`, and the one-time recovery codes
 * (`Redacted`) to keep somewhere safe.
 *
 * @example
 * ```ts
 * import { confirmMfa } from "@effect-particle/auth"
 * import { Effect } from "effect"
 *
 * declare const mfaToken: string
 * const codes = confirmMfa({ mfaToken, otp: "123456" }).pipe(Effect.map((c) => c.tokens ?? []))
 * ```
 *
 * @since 0.1.0
 * @category schemas
 */
export const MfaConfirmation = /*#__PURE__*/ Schema.Struct({
  enrolled: Schema.Boolean,
  tokens: Schema.optional(Schema.Array(SecretString))
})

/**
 * A confirmed MFA enrolment.
 *
 * @example
 * ```ts
 * import type { User } from "@effect-particle/auth"
 *
 * const recoveryCodes = (c: User.MfaConfirmation) => c.tokens ?? []
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface MfaConfirmation extends Schema.Schema.Type<typeof MfaConfirmation> {}
