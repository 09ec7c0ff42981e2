/**
 * The user account and MFA against the simulator: each method's exact request (verb, path, JSON body as
 * particle-api-js sends it, no token where it sends none), decoded answers, documented errors, and
 * `InvalidInput` with no request.
 */
import {
  changeUsername,
  changeUserPassword,
  confirmMfa,
  createUser,
  deleteUser,
  disableMfa,
  enableMfa,
  getUserInfo,
  login,
  resetPassword,
  sendOtp,
  setUserInfo,
  trackingIdentity,
  verifyUser
} from "@effect-particle/auth"
import { ParticleClient } from "@effect-particle/core"
import { expectInvalid, expectTag, faultOnce, fresh, only, TestLayer, withBadToken } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const DEMO = { username: "demo@particle.sim", password: "demo-password" }
const as = (token: string) => ParticleClient.withAccessToken(Redacted.make(token))

layer(TestLayer)("user", (it) => {
  it.effect("getUserInfo: GET /v1/user, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const user = yield* getUserInfo()
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/user")
      assert.strictEqual(request.headers.authorization, `Bearer ${sim.accessToken}`)
      assert.strictEqual(user.username, DEMO.username)
      assert.deepStrictEqual(user.account_info, { first_name: "Demo", last_name: "User", business_account: false })
      assert.deepStrictEqual(user.mfa, { enabled: false })
      assert.strictEqual(user.cellular_device_count, 2)
      expectTag(yield* Effect.flip(withBadToken(getUserInfo())), "Unauthorized")
      faultOnce(sim, "/v1/user", 200, { account_info: {} })
      const decode = expectTag(yield* Effect.flip(getUserInfo()), "DecodeError")
      assert.strictEqual(decode.path, "username")
    }))

  it.effect("setUserInfo: PUT /v1/user with JSON { account_info }", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* setUserInfo({ accountInfo: { first_name: "Ada", company_name: "Acme", custom: 1 } })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, "/v1/user")
      assert.deepStrictEqual(request.json, { account_info: { first_name: "Ada", company_name: "Acme", custom: 1 } })
      const user = yield* getUserInfo()
      assert.strictEqual(user.account_info?.first_name, "Ada")
      assert.strictEqual(user.account_info?.["custom"], 1)
      yield* expectInvalid(setUserInfo({} as never), "accountInfo")
      yield* expectInvalid(setUserInfo({ accountInfo: "x" as never }), "accountInfo")
    }))

  it.effect("changeUserPassword: JSON { password, current_password[, invalidate_tokens: true] }", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const other = sim.createToken({ username: DEMO.username })
      yield* changeUserPassword({ password: "new-pass", currentPassword: Redacted.make(DEMO.password) })
      assert.deepStrictEqual(only(sim).json, { password: "new-pass", current_password: DEMO.password })
      assert.strictEqual(only(sim).method, "PUT")
      sim.clearRequests()
      yield* changeUserPassword({ password: "newer", currentPassword: "new-pass", invalidateTokens: true })
      assert.deepStrictEqual(only(sim).json, {
        password: "newer",
        current_password: "new-pass",
        invalidate_tokens: true
      })
      expectTag(yield* Effect.flip(getUserInfo().pipe(as(other))), "Unauthorized")
      assert.isDefined(yield* login({ username: DEMO.username, password: "newer" }))
      const wrong = expectTag(
        yield* Effect.flip(changeUserPassword({ password: "x", currentPassword: "nope" })),
        "BadRequest"
      )
      assert.strictEqual(wrong.error, "Invalid password")
      yield* expectInvalid(changeUserPassword({ password: "", currentPassword: "x" }), "password")
      yield* expectInvalid(changeUserPassword({ password: "x", currentPassword: "" }), "currentPassword")
    }))

  it.effect("changeUsername: JSON { username, current_password }; taken is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* changeUsername({ username: "ada@particle.sim", currentPassword: DEMO.password })
      const request = only(sim)
      assert.strictEqual(request.method, "PUT")
      assert.strictEqual(request.path, "/v1/user")
      assert.deepStrictEqual(request.json, { username: "ada@particle.sim", current_password: DEMO.password })
      assert.strictEqual((yield* getUserInfo()).username, "ada@particle.sim")
      const taken = expectTag(
        yield* Effect.flip(changeUsername({ username: sim.seed.otherUser.username, currentPassword: DEMO.password })),
        "BadRequest"
      )
      assert.strictEqual(taken.error, "Username already in use")
      sim.clearRequests()
      yield* changeUsername({ username: "back@particle.sim", currentPassword: DEMO.password, invalidateTokens: true })
      assert.deepStrictEqual(only(sim).json, {
        username: "back@particle.sim",
        current_password: DEMO.password,
        invalidate_tokens: true
      })
      yield* expectInvalid(changeUsername({ username: "", currentPassword: "x" }), "username")
      yield* expectInvalid(changeUsername({ username: "a@b.c", currentPassword: "" }), "currentPassword")
    }))

  it.effect("deleteUser: DELETE /v1/user with a JSON body { password }", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const u = sim.createUser({ username: "bye@particle.sim", password: "pw" })
      const token = sim.createToken({ username: u.username })
      const wrong = expectTag(yield* Effect.flip(deleteUser({ password: "nope" }).pipe(as(token))), "BadRequest")
      assert.strictEqual(wrong.status, 400)
      sim.clearRequests()
      yield* deleteUser({ password: Redacted.make("pw") }).pipe(as(token))
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, "/v1/user")
      assert.strictEqual(request.contentType, "application/json")
      assert.deepStrictEqual(request.json, { password: "pw" })
      expectTag(yield* Effect.flip(getUserInfo().pipe(as(token))), "Unauthorized")
      yield* expectInvalid(deleteUser({ password: "" }), "password")
    }))

  it.effect("createUser: POST /v1/users with JSON { username, password, account_info, utm }, no token", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* createUser({
        username: "new@particle.sim",
        password: "pw",
        accountInfo: { first_name: "New" },
        utm: { source: "docs" }
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/users")
      assert.isUndefined(request.headers.authorization)
      assert.deepStrictEqual(request.json, {
        username: "new@particle.sim",
        password: "pw",
        account_info: { first_name: "New" },
        utm: { source: "docs" }
      })
      const token = yield* login({ username: "new@particle.sim", password: "pw" })
      assert.strictEqual(
        (yield* getUserInfo().pipe(ParticleClient.withAccessToken(token.access_token))).account_info?.first_name,
        "New"
      )
      const taken = expectTag(
        yield* Effect.flip(createUser({ username: "new@particle.sim", password: "x" })),
        "BadRequest"
      )
      assert.deepStrictEqual(taken.errors, ["username must be unique"])
      yield* expectInvalid(createUser({ username: "", password: "x" }), "username")
      yield* expectInvalid(createUser({ username: "a@b.c", password: "" }), "password")
    }))

  it.effect("verifyUser: POST /v1/user/verify with JSON { token }, no Bearer; the token works once", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { verificationToken } = sim.seed.unverifiedUser
      yield* verifyUser({ token: Redacted.make(verificationToken) })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/user/verify")
      assert.isUndefined(request.headers.authorization)
      assert.deepStrictEqual(request.json, { token: verificationToken })
      const again = expectTag(yield* Effect.flip(verifyUser({ token: verificationToken })), "BadRequest")
      assert.strictEqual(again.error, "Invalid or expired verification token")
      yield* expectInvalid(verifyUser({ token: "" }), "token")
    }))

  it.effect("resetPassword: POST /v1/user/password-reset with JSON { username }, no token", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* resetPassword({ username: DEMO.username })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/v1/user/password-reset")
      assert.isUndefined(request.headers.authorization)
      assert.deepStrictEqual(request.json, { username: DEMO.username })
      yield* resetPassword({ username: "nobody@particle.sim" })
      yield* expectInvalid(resetPassword({ username: " " }), "username")
    }))

  it.effect("trackingIdentity: ?tracking=1 by default, no query with full", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const identity = yield* trackingIdentity()
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/user/identify")
      assert.strictEqual(request.rawQuery, "tracking=1")
      assert.deepStrictEqual(identity, { id: sim.seed.user.id, email: DEMO.username })
      sim.clearRequests()
      yield* trackingIdentity({ full: true })
      assert.strictEqual(only(sim).rawQuery, "")
    }))

  // ----------------------------------------------------------------------------------------------- MFA
  it.effect("enableMfa → confirmMfa → login needs sendOtp → disableMfa", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const started = yield* enableMfa()
      const enable = only(sim)
      assert.strictEqual(enable.method, "GET")
      assert.strictEqual(enable.path, "/v1/user/mfa-enable")
      assert.isTrue(Redacted.isRedacted(started.mfa_token))
      assert.isTrue(Redacted.isRedacted(started.qr_url))
      assert.match(Redacted.value(started.qr_url), /^otpauth:\/\/totp\//)
      assert.isTrue(Redacted.isRedacted(started.secret!))

      sim.clearRequests()
      const wrong = expectTag(
        yield* Effect.flip(confirmMfa({ mfaToken: started.mfa_token, otp: "000000" })),
        "BadRequest"
      )
      assert.strictEqual(wrong.errorDescription, "Invalid one-time password")
      sim.clearRequests()
      const confirmed = yield* confirmMfa({ mfaToken: started.mfa_token, otp: sim.seed.mfaUser.otp })
      const confirm = only(sim)
      assert.strictEqual(confirm.method, "POST")
      assert.strictEqual(confirm.path, "/v1/user/mfa-enable")
      assert.deepStrictEqual(confirm.json, { mfa_token: Redacted.value(started.mfa_token), otp: sim.seed.mfaUser.otp })
      assert.isTrue(confirmed.enrolled)
      assert.strictEqual(confirmed.tokens?.length, 10)
      assert.isTrue(confirmed.tokens!.every(Redacted.isRedacted))
      assert.isTrue((yield* getUserInfo()).mfa?.enabled)
      expectTag(yield* Effect.flip(enableMfa()), "BadRequest")

      const forbidden = expectTag(yield* Effect.flip(login(DEMO)), "Forbidden")
      assert.isDefined(yield* sendOtp({ mfaToken: forbidden.mfaToken!, otp: sim.seed.mfaUser.otp }))

      expectTag(yield* Effect.flip(disableMfa({ currentPassword: "nope" })), "BadRequest")
      sim.clearRequests()
      yield* disableMfa({ currentPassword: DEMO.password })
      const disable = only(sim)
      assert.strictEqual(disable.method, "PUT")
      assert.strictEqual(disable.path, "/v1/user/mfa-disable")
      assert.deepStrictEqual(disable.json, { current_password: DEMO.password })
      assert.isDefined(yield* login(DEMO))
    }))

  it.effect("confirmMfa: invalidate_tokens only when asked; bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const other = sim.createToken({ username: DEMO.username })
      const started = yield* enableMfa()
      sim.clearRequests()
      yield* confirmMfa({ mfaToken: started.mfa_token, otp: "123456", invalidateTokens: true })
      assert.deepStrictEqual(only(sim).json, {
        mfa_token: Redacted.value(started.mfa_token),
        otp: "123456",
        invalidate_tokens: true
      })
      expectTag(yield* Effect.flip(getUserInfo().pipe(as(other))), "Unauthorized")
      yield* expectInvalid(confirmMfa({ mfaToken: "", otp: "1" }), "mfaToken")
      yield* expectInvalid(confirmMfa({ mfaToken: "x", otp: "" }), "otp")
      yield* expectInvalid(disableMfa({ currentPassword: "" }), "currentPassword")
    }))
})
