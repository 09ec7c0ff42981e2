/** The user account: info, username and password changes, deletion, sign-up and verification, password reset, tracking identity, MFA. */
import { asBool, first } from "../coerce.js"
import { type AuthedCtx, publicRoute, type RouteTable } from "../context.js"
import { errB, oauthError, ok, type Reply } from "../reply.js"
import { MFA_OTP } from "../seed.js"
import { MAX_USERS } from "../store/users.js"

/** How long the `mfa_token` of an MFA enrolment stays valid. */
export const MFA_ENROL_TTL_MS = 10 * 60_000
/** Longest accepted username (an email address) and password. */
const MAX_USERNAME = 254
const MAX_PASSWORD = 1024

const invalidPassword = (): Reply => ({
  status: 400,
  json: { ok: false, error: "Invalid password", errors: ["Invalid password"] }
})

/** A string field, or why it is not one (undefined when absent). */
const textField = (v: unknown, name: string, max: number): string | Reply | undefined => {
  if (v === undefined || v === null) return undefined
  if (typeof v !== "string") return errB(400, `${name} must be a string`)
  if (v.trim() === "") return errB(400, `${name} must not be empty`)
  if (v.length > max) return errB(400, `${name} must be at most ${max} characters`)
  return v
}
const isText = (v: string | Reply | undefined): v is string => typeof v === "string"
const isError = (v: string | Reply | undefined): v is Reply => typeof v === "object"

/** `account_info`: absent, an object (own fields, bounded), or the 400 it gets. */
const accountInfoOf = (v: unknown): { info: Record<string, unknown> | undefined } | { error: Reply } => {
  if (v === undefined || v === null) return { info: undefined }
  if (typeof v !== "object" || Array.isArray(v)) return { error: errB(400, "account_info must be an object") }
  if (Object.keys(v).length > 50 || JSON.stringify(v).length > 10_000) {
    return { error: errB(400, "account_info is too large") }
  }
  // own fields only, into a fresh object (a "__proto__" key stays an ordinary field)
  const out: Record<string, unknown> = Object.create(null)
  for (const [k, x] of Object.entries(v)) out[k] = x
  return { info: out }
}

const userJson = (ctx: AuthedCtx): Record<string, unknown> => {
  const u = ctx.user
  let wifi = 0
  let cell = 0
  for (const d of ctx.store.devices.ownedBy(u.username)) d.cellular ? cell++ : wifi++
  return {
    username: u.username,
    subscription_ids: [],
    account_info: { ...u.accountInfo },
    mfa: { enabled: u.mfa },
    wifi_device_count: wifi,
    cellular_device_count: cell,
    scim_provisioned: false,
    no_password: false
  }
}

const updateUser = (ctx: AuthedCtx): Reply => {
  let u = ctx.user
  const b = ctx.body
  const parsed = accountInfoOf(b["account_info"])
  if ("error" in parsed) return parsed.error
  const info = parsed.info
  const newUsername = textField(b["username"], "username", MAX_USERNAME)
  const newPassword = textField(b["password"], "password", MAX_PASSWORD)
  if (isError(newUsername)) return newUsername
  if (isError(newPassword)) return newPassword
  if (!isText(newUsername) && !isText(newPassword)) {
    if (info !== undefined) u.accountInfo = { ...u.accountInfo, ...info }
    return ok({ ok: true, message: "User's account info updated." })
  }
  if (first(b["current_password"]) !== u.password || u.password === "") return invalidPassword()
  if (isText(newUsername) && newUsername !== u.username) {
    if (ctx.store.users.has(newUsername)) return errB(400, "Username already in use")
    u = ctx.store.renameUser(u, newUsername)
  }
  if (isText(newPassword)) u.password = newPassword
  if (info !== undefined) u.accountInfo = { ...u.accountInfo, ...info }
  if (asBool(b["invalidate_tokens"]) === true) ctx.store.users.revokeAll(u.username, ctx.token.token)
  return ok({ ok: true, message: isText(newPassword) ? "User's password updated." : "User's username updated." })
}

export const registerUser = (r: RouteTable): void => {
  r.get("/v1/user", (ctx) => ok(userJson(ctx)))
  r.put("/v1/user", updateUser)
  r.del("/v1/user", (ctx) => {
    if (first(ctx.body["password"]) !== ctx.user.password || ctx.user.password === "") return invalidPassword()
    ctx.store.deleteUser(ctx.user.username)
    return ok({ ok: true, message: "User's account has been deleted." })
  })
  // the same answer whether or not the account exists
  r.post(
    "/v1/user/password-reset",
    publicRoute((ctx) => {
      const username = textField(ctx.body["username"], "username", MAX_USERNAME)
      if (isError(username)) return username
      if (!isText(username)) return errB(400, "username is required")
      return ok({ ok: true, message: "Password reset email sent." })
    })
  )
  r.post(
    "/v1/users",
    publicRoute((ctx) => {
      const username = textField(ctx.body["username"], "username", MAX_USERNAME)
      const password = textField(ctx.body["password"], "password", MAX_PASSWORD)
      if (!isText(username) || !isText(password)) {
        return { status: 400, json: { ok: false, errors: ["username and password are required"] } }
      }
      const parsed = accountInfoOf(ctx.body["account_info"])
      if ("error" in parsed) return parsed.error
      if (ctx.store.users.has(username)) {
        return { status: 400, json: { ok: false, errors: ["username must be unique"] } }
      }
      if (ctx.store.users.size >= MAX_USERS) return { status: 400, json: { ok: false, errors: ["Too many users"] } }
      const u = ctx.store.users.create({ username, password })
      if (parsed.info !== undefined) u.accountInfo = { ...u.accountInfo, ...parsed.info }
      // the verification email is not sent anywhere; the seeded unverified user has a known token
      ctx.store.users.startVerification(username)
      return ok({ ok: true })
    })
  )
  r.post(
    "/v1/user/verify",
    publicRoute((ctx) => {
      const token = first(ctx.body["token"])
      if (!token) return errB(400, "token is required")
      if (ctx.store.users.verify(token) === undefined) return errB(400, "Invalid or expired verification token")
      return ok({ ok: true })
    })
  )
  r.get("/v1/user/identify", (ctx) => ok({ id: ctx.user.id, email: ctx.user.username }))

  // MFA enrolment: GET starts it, POST confirms with a one-time password, PUT mfa-disable turns it off
  r.get("/v1/user/mfa-enable", (ctx) => {
    if (ctx.user.mfa) return errB(400, "Multi-factor authentication is already enabled")
    const token = ctx.store.users.startMfa(ctx.user.username, MFA_ENROL_TTL_MS, "enrol")
    return ok({
      mfa_token: token,
      qr_url: `otpauth://totp/Particle:${encodeURIComponent(ctx.user.username)}?secret=SIMULATORSECRET&issuer=Particle`,
      secret: "SIMULATORSECRET"
    })
  })
  r.post("/v1/user/mfa-enable", (ctx) => {
    const mfaToken = first(ctx.body["mfa_token"])
    const otp = first(ctx.body["otp"])
    if (!mfaToken || !otp) return oauthError("invalid_request", "You must provide otp and mfa token.")
    const step = ctx.store.users.mfaStep(mfaToken, "enrol")
    if (step === undefined || step.username !== ctx.user.username) {
      return oauthError("invalid_request", "Invalid or expired mfa token")
    }
    if (otp !== MFA_OTP) return oauthError("invalid_request", "Invalid one-time password")
    ctx.user.mfa = true
    ctx.store.users.endMfa(mfaToken)
    if (asBool(ctx.body["invalidate_tokens"]) === true) ctx.store.users.revokeAll(ctx.user.username, ctx.token.token)
    return ok({ enrolled: true, tokens: ctx.store.users.issueRecoveryCodes(ctx.user.username) })
  })
  r.put("/v1/user/mfa-disable", (ctx) => {
    if (first(ctx.body["current_password"]) !== ctx.user.password || ctx.user.password === "") {
      return invalidPassword()
    }
    ctx.user.mfa = false
    ctx.store.users.clearRecoveryCodes(ctx.user.username)
    return ok({ ok: true })
  })
}
