/**
 * The user account: info, username and password changes, deletion, sign-up and verification, password
 * reset, tracking identity, and MFA enrolment (enable → confirm → recovery codes → disable).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())
afterEach(() => {
  vi.useRealTimers()
})

const DEMO = { username: "demo@particle.sim", password: "demo-password" }
const login = (username: string, password: string) =>
  call(sim, "POST", "/oauth/token", {
    token: null,
    form: { grant_type: "password", username, password, client_id: "particle", client_secret: "particle" }
  })

describe("GET / PUT /v1/user", () => {
  it("the account, with its info, MFA state and device counts", async () => {
    const r = await call(sim, "GET", "/v1/user")
    expect(r.json).toEqual({
      username: DEMO.username,
      subscription_ids: [],
      account_info: { first_name: "Demo", last_name: "User", business_account: false },
      mfa: { enabled: false },
      wifi_device_count: 3,
      cellular_device_count: 2,
      scim_provisioned: false,
      no_password: false
    })
  })

  it("account_info is merged; it must be an object of bounded size", async () => {
    const r = await call(sim, "PUT", "/v1/user", {
      json: { account_info: { first_name: "Ada", company_name: "Acme" } }
    })
    expect(r.json).toEqual({ ok: true, message: "User's account info updated." })
    expect((await call(sim, "GET", "/v1/user")).json.account_info).toEqual({
      first_name: "Ada",
      last_name: "User",
      business_account: false,
      company_name: "Acme"
    })
    for (const bad of ["x", 5, ["a"], { big: "y".repeat(20_000) }]) {
      const b = await call(sim, "PUT", "/v1/user", { json: { account_info: bad } })
      expect(b.status).toBe(400)
      expect(b.json.ok).toBe(false)
    }
    // a "__proto__" key is an ordinary field, not a prototype
    const proto = await call(sim, "PUT", "/v1/user", {
      body: "{\"account_info\":{\"__proto__\":{\"polluted\":true}}}",
      headers: { "content-type": "application/json" }
    })
    expect(proto.status).toBe(200)
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
  })

  it("password change needs the current password; invalidate_tokens revokes the others", async () => {
    const other = sim.createToken({ username: DEMO.username })
    const wrong = await call(sim, "PUT", "/v1/user", { json: { password: "new-pass", current_password: "nope" } })
    expect([wrong.status, wrong.json]).toEqual([400, {
      ok: false,
      error: "Invalid password",
      errors: ["Invalid password"]
    }])
    const missing = await call(sim, "PUT", "/v1/user", { json: { password: "new-pass" } })
    expect(missing.status).toBe(400)
    const ok = await call(sim, "PUT", "/v1/user", {
      json: { password: "new-pass", current_password: DEMO.password, invalidate_tokens: true }
    })
    expect(ok.json).toEqual({ ok: true, message: "User's password updated." })
    expect((await call(sim, "GET", "/v1/user", { token: other })).status).toBe(401)
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
    expect((await login(DEMO.username, DEMO.password)).status).toBe(400)
    expect((await login(DEMO.username, "new-pass")).status).toBe(200)
  })

  it("username change: taken, empty, not a string; then logins use the new name", async () => {
    const taken = await call(sim, "PUT", "/v1/user", {
      json: { username: sim.seed.otherUser.username, current_password: DEMO.password }
    })
    expect([taken.status, taken.json]).toEqual([400, { ok: false, error: "Username already in use" }])
    for (const bad of ["", "   ", 7, { a: 1 }]) {
      const b = await call(sim, "PUT", "/v1/user", { json: { username: bad, current_password: DEMO.password } })
      expect(b.status).toBe(400)
    }
    const ok = await call(sim, "PUT", "/v1/user", {
      json: { username: "ada@particle.sim", current_password: DEMO.password }
    })
    expect(ok.json).toEqual({ ok: true, message: "User's username updated." })
    expect((await login("ada@particle.sim", DEMO.password)).status).toBe(200)
    expect((await login(DEMO.username, DEMO.password)).status).toBe(400)
  })
})

describe("DELETE /v1/user (JSON body)", () => {
  it("needs the password; deletes the account and its tokens", async () => {
    const u = sim.createUser({ username: "bye@particle.sim", password: "pw" })
    const t = sim.createToken({ username: u.username })
    const wrong = await call(sim, "DELETE", "/v1/user", { token: t, json: { password: "nope" } })
    expect(wrong.status).toBe(400)
    const none = await call(sim, "DELETE", "/v1/user", { token: t })
    expect(none.status).toBe(400)
    const ok = await call(sim, "DELETE", "/v1/user", { token: t, json: { password: "pw" } })
    expect(ok.json).toEqual({ ok: true, message: "User's account has been deleted." })
    expect((await call(sim, "GET", "/v1/user", { token: t })).status).toBe(401)
    expect((await login(u.username, "pw")).status).toBe(400)
  })
})

describe("sign-up, verification, password reset", () => {
  it("POST /v1/users needs username and password, refuses a taken name; the new user can log in", async () => {
    const ok = await call(sim, "POST", "/v1/users", {
      token: null,
      json: { username: "new@particle.sim", password: "pw", account_info: { first_name: "New" }, utm: { source: "x" } }
    })
    expect(ok.json).toEqual({ ok: true })
    const t = await login("new@particle.sim", "pw")
    expect(t.status).toBe(200)
    expect((await call(sim, "GET", "/v1/user", { token: t.json.access_token })).json.account_info.first_name).toBe(
      "New"
    )
    const dup = await call(sim, "POST", "/v1/users", {
      token: null,
      json: { username: "new@particle.sim", password: "x" }
    })
    expect([dup.status, dup.json]).toEqual([400, { ok: false, errors: ["username must be unique"] }])
    for (const body of [{ username: "a@b.c" }, { password: "x" }, { username: 5, password: "x" }, {}]) {
      const b = await call(sim, "POST", "/v1/users", { token: null, json: body })
      expect([b.status, b.json]).toEqual([400, { ok: false, errors: ["username and password are required"] }])
    }
    const badInfo = await call(sim, "POST", "/v1/users", {
      token: null,
      json: { username: "b@particle.sim", password: "x", account_info: "no" }
    })
    expect(badInfo.status).toBe(400)
  })

  it("POST /v1/user/verify takes the emailed token once", async () => {
    const { verificationToken } = sim.seed.unverifiedUser
    const ok = await call(sim, "POST", "/v1/user/verify", { token: null, json: { token: verificationToken } })
    expect([ok.status, ok.json]).toEqual([200, { ok: true }])
    const again = await call(sim, "POST", "/v1/user/verify", { token: null, json: { token: verificationToken } })
    expect([again.status, again.json]).toEqual([400, { ok: false, error: "Invalid or expired verification token" }])
    const none = await call(sim, "POST", "/v1/user/verify", { token: null, json: {} })
    expect([none.status, none.json]).toEqual([400, { ok: false, error: "token is required" }])
  })

  it("POST /v1/user/password-reset answers the same for any username; needs one", async () => {
    for (const username of [DEMO.username, "nobody@particle.sim"]) {
      const r = await call(sim, "POST", "/v1/user/password-reset", { token: null, json: { username } })
      expect(r.json).toEqual({ ok: true, message: "Password reset email sent." })
    }
    const none = await call(sim, "POST", "/v1/user/password-reset", { token: null, json: {} })
    expect([none.status, none.json]).toEqual([400, { ok: false, error: "username is required" }])
  })

  it("GET /v1/user/identify", async () => {
    expect((await call(sim, "GET", "/v1/user/identify?tracking=1")).json).toEqual({
      id: sim.seed.user.id,
      email: DEMO.username
    })
  })
})

describe("MFA enrolment", () => {
  it("enable → confirm (recovery codes) → login needs the OTP → a recovery code works once → disable", async () => {
    const en = await call(sim, "GET", "/v1/user/mfa-enable")
    expect(en.status).toBe(200)
    expect(en.json.mfa_token).toMatch(/^[0-9a-f]{40}$/)
    expect(en.json.qr_url).toMatch(/^otpauth:\/\/totp\//)
    expect(typeof en.json.secret).toBe("string")
    const wrong = await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: en.json.mfa_token, otp: "000000" }
    })
    expect([wrong.status, wrong.json]).toEqual([400, {
      error: "invalid_request",
      error_description: "Invalid one-time password"
    }])
    const conf = await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: en.json.mfa_token, otp: sim.seed.mfaUser.otp }
    })
    expect(conf.json.enrolled).toBe(true)
    expect(conf.json.tokens).toHaveLength(10)
    expect((await call(sim, "GET", "/v1/user")).json.mfa).toEqual({ enabled: true })
    const again = await call(sim, "GET", "/v1/user/mfa-enable")
    expect([again.status, again.json]).toEqual([400, {
      ok: false,
      error: "Multi-factor authentication is already enabled"
    }])

    const first = await login(DEMO.username, DEMO.password)
    expect([first.status, first.json.error]).toEqual([403, "mfa_required"])
    const viaCode = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: {
        grant_type: "urn:custom:recovery-code",
        mfa_token: first.json.mfa_token,
        recovery_code: conf.json.tokens[0],
        client_id: "particle",
        client_secret: "particle"
      }
    })
    expect(viaCode.status).toBe(200)

    const badPw = await call(sim, "PUT", "/v1/user/mfa-disable", { json: { current_password: "nope" } })
    expect(badPw.status).toBe(400)
    expect((await call(sim, "PUT", "/v1/user/mfa-disable", { json: { current_password: DEMO.password } })).json)
      .toEqual({
        ok: true
      })
    expect((await login(DEMO.username, DEMO.password)).status).toBe(200)
  })

  it("confirm needs this user's live enrolment token; a login MFA token is not one", async () => {
    const missing = await call(sim, "POST", "/v1/user/mfa-enable", { json: { otp: "123456" } })
    expect([missing.status, missing.json]).toEqual([400, {
      error: "invalid_request",
      error_description: "You must provide otp and mfa token."
    }])
    const mfaLogin = await login(sim.seed.mfaUser.username, sim.seed.mfaUser.password)
    const foreign = await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: mfaLogin.json.mfa_token, otp: "123456" }
    })
    expect([foreign.status, foreign.json]).toEqual([400, {
      error: "invalid_request",
      error_description: "Invalid or expired mfa token"
    }])
    const otherUsers = await call(sim, "GET", "/v1/user/mfa-enable", { token: sim.seed.otherUser.accessToken })
    const stolen = await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: otherUsers.json.mfa_token, otp: "123456" }
    })
    expect(stolen.status).toBe(400)
    const start = Date.now()
    const en = await call(sim, "GET", "/v1/user/mfa-enable")
    vi.useFakeTimers({ toFake: ["Date"] })
    vi.setSystemTime(start + 10 * 60_000 + 1000)
    const late = await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: en.json.mfa_token, otp: "123456" }
    })
    expect(late.json.error_description).toBe("Invalid or expired mfa token")
  })

  it("confirm with invalidate_tokens revokes the user's other tokens", async () => {
    const other = sim.createToken({ username: DEMO.username })
    const en = await call(sim, "GET", "/v1/user/mfa-enable")
    await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: en.json.mfa_token, otp: "123456", invalidate_tokens: true }
    })
    expect((await call(sim, "GET", "/v1/user", { token: other })).status).toBe(401)
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  })
})
