/**
 * `POST /oauth/token`, grant by grant: the exact bodies and headers of Particle's oauth2 fork, MFA, token
 * expiry and refresh. Time-dependent cases move `Date` with vitest's fake clock (only `Date`: the server's
 * sockets and timers stay real), so no test waits.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Res, type Sim } from "./helpers.js"

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
const basic = (user: string, pass: string) => "Basic " + Buffer.from(`${user}:${pass}`).toString("base64")

const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  call(sim, "POST", "/oauth/token", {
    token: null,
    form: { client_id: "particle", client_secret: "particle", ...form },
    headers
  })

/** An OAuth error as the fork writes it: the status, exactly `{error, error_description}`, no-store headers. */
const expectOAuthError = (r: Res, status: number, error: string, description: string) => {
  expect([r.status, r.json]).toEqual([status, { error, error_description: description }])
  expect(r.headers.get("cache-control")).toBe("no-store")
  expect(r.headers.get("pragma")).toBe("no-cache")
  expect(r.headers.get("www-authenticate")).toBe(error === "invalid_client" ? "Basic realm=\"Service\"" : null)
}

const freezeAt = (ms: number) => {
  vi.useFakeTimers({ toFake: ["Date"] })
  vi.setSystemTime(ms)
}

describe("request checks, in the fork's order", () => {
  it("form encoding only; then grant_type; then the client", async () => {
    const json = await call(sim, "POST", "/oauth/token", { token: null, json: { grant_type: "password" } })
    expectOAuthError(
      json,
      400,
      "invalid_request",
      "Method must be POST with application/x-www-form-urlencoded encoding"
    )
    const none = await call(sim, "POST", "/oauth/token", { token: null })
    expectOAuthError(
      none,
      400,
      "invalid_request",
      "Method must be POST with application/x-www-form-urlencoded encoding"
    )
    const broken = await call(sim, "POST", "/oauth/token", {
      token: null,
      body: "grant_type=%zz",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expectOAuthError(
      broken,
      400,
      "invalid_request",
      "Method must be POST with application/x-www-form-urlencoded encoding"
    )
    expectOAuthError(await token({}), 400, "invalid_request", "Invalid or missing grant_type parameter")
    expectOAuthError(
      await token({ grant_type: "magic" }),
      400,
      "invalid_request",
      "Invalid or missing grant_type parameter"
    )
    // the fork's grant regex ignores case, its switch does not
    expectOAuthError(
      await token({ grant_type: "PASSWORD", ...DEMO }),
      400,
      "invalid_request",
      "Invalid grant_type parameter or parameter missing"
    )
    // grant_type is checked before the client
    expectOAuthError(
      await call(sim, "POST", "/oauth/token", { token: null, form: { client_id: "x" } }),
      400,
      "invalid_request",
      "Invalid or missing grant_type parameter"
    )
  })

  it("client id format, missing secret, wrong secret of a registered client", async () => {
    const form = (o: Record<string, string>) =>
      call(sim, "POST", "/oauth/token", { token: null, form: { grant_type: "password", ...DEMO, ...o } })
    expectOAuthError(await form({}), 400, "invalid_client", "Invalid or missing client_id parameter")
    expectOAuthError(await form({ client_id: "ab" }), 400, "invalid_client", "Invalid or missing client_id parameter")
    expectOAuthError(
      await form({ client_id: "has space", client_secret: "x" }),
      400,
      "invalid_client",
      "Invalid or missing client_id parameter"
    )
    expectOAuthError(
      await form({ client_id: "x".repeat(41), client_secret: "x" }),
      400,
      "invalid_client",
      "Invalid or missing client_id parameter"
    )
    expectOAuthError(await form({ client_id: "particle" }), 400, "invalid_client", "Missing client_secret parameter")
    expectOAuthError(
      await form({ client_id: "particle", client_secret: "" }),
      400,
      "invalid_client",
      "Missing client_secret parameter"
    )
    const c = sim.seed.oauthClient
    expectOAuthError(
      await form({ client_id: c.id, client_secret: "wrong" }),
      400,
      "invalid_client",
      "Client credentials are invalid"
    )
    // Basic credentials win over body ones
    const viaBasic = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { grant_type: "password", ...DEMO, client_id: c.id, client_secret: "wrong" },
      headers: { authorization: basic("particle", "particle") }
    })
    expect(viaBasic.status).toBe(200)
  })
})

describe("password grant", () => {
  it("answers a 40-hex bearer token with a refresh token, no-store, usable at once", async () => {
    const r = await token({ grant_type: "password", ...DEMO })
    expect(r.status).toBe(200)
    expect(r.headers.get("cache-control")).toBe("no-store")
    expect(r.headers.get("pragma")).toBe("no-cache")
    expect(Object.keys(r.json).sort()).toEqual(["access_token", "expires_in", "refresh_token", "token_type"])
    expect(r.json).toMatchObject({ token_type: "bearer", expires_in: 7776000 })
    expect(r.json.access_token).toMatch(/^[0-9a-f]{40}$/)
    expect(r.json.refresh_token).toMatch(/^[0-9a-f]{40}$/)
    const info = await call(sim, "GET", "/v1/access_tokens/current", { token: r.json.access_token })
    expect(info.json.client).toBe("particle")
    expect(Date.parse(info.json.expires_at) - Date.now()).toBeGreaterThan(7_775_000_000)
  })

  it("expires_in / expires_at set the lifetime; 0 never expires (no expires_in, no refresh token)", async () => {
    const hour = await token({ grant_type: "password", ...DEMO, expires_in: "3600" })
    expect(hour.json.expires_in).toBe(3600)
    const never = await token({ grant_type: "password", ...DEMO, expires_in: "0" })
    expect(Object.keys(never.json).sort()).toEqual(["access_token", "token_type"])
    const info = await call(sim, "GET", "/v1/access_tokens/current", { token: never.json.access_token })
    expect(info.json.expires_at).toBeNull()
    const at = await token({
      grant_type: "password",
      ...DEMO,
      expires_at: new Date(Date.now() + 120_000).toISOString()
    })
    expect(at.json.expires_in).toBeGreaterThan(100)
    expect(at.json.expires_in).toBeLessThanOrEqual(120)
    expectOAuthError(
      await token({ grant_type: "password", ...DEMO, expires_in: "-5" }),
      400,
      "invalid_request",
      "expires_in must be a non-negative number of seconds"
    )
    expectOAuthError(
      await token({ grant_type: "password", ...DEMO, expires_at: "soon" }),
      400,
      "invalid_request",
      "expires_at must be an ISO-8601 date"
    )
  })

  it("missing and wrong credentials", async () => {
    expectOAuthError(
      await token({ grant_type: "password", username: DEMO.username }),
      400,
      "invalid_client",
      "Missing parameters. \"username\" and \"password\" are required"
    )
    expectOAuthError(
      await token({ grant_type: "password", username: "", password: "x" }),
      400,
      "invalid_client",
      "Missing parameters. \"username\" and \"password\" are required"
    )
    expectOAuthError(
      await token({ grant_type: "password", username: DEMO.username, password: "nope" }),
      400,
      "invalid_grant",
      "User credentials are invalid"
    )
    expectOAuthError(
      await token({ grant_type: "password", username: "nobody@particle.sim", password: "x" }),
      400,
      "invalid_grant",
      "User credentials are invalid"
    )
  })

  it("a token expires when its lifetime is over: 401 'has expired'", async () => {
    const start = Date.now()
    const r = await token({ grant_type: "password", ...DEMO, expires_in: "60" })
    freezeAt(start + 59_000)
    expect((await call(sim, "GET", "/v1/user", { token: r.json.access_token })).status).toBe(200)
    freezeAt(start + 61_000)
    const late = await call(sim, "GET", "/v1/user", { token: r.json.access_token })
    expect([late.status, late.json]).toEqual([401, {
      error: "invalid_token",
      error_description: "The access token provided has expired."
    }])
    expect(late.headers.get("cache-control")).toBe("no-store")
  })
})

describe("MFA", () => {
  const mfaLogin = async (clientId = "particle") => {
    const r = await token({
      grant_type: "password",
      username: sim.seed.mfaUser.username,
      password: sim.seed.mfaUser.password,
      client_id: clientId,
      client_secret: clientId
    })
    expect(r.status).toBe(403)
    expect(Object.keys(r.json).sort()).toEqual(["error", "error_description", "mfa_token"])
    expect(r.json).toMatchObject({ error: "mfa_required", error_description: "Multi-factor authentication required" })
    expect(r.headers.get("cache-control")).toBe("no-store")
    return r.json.mfa_token as string
  }

  it("password → 403 mfa_required + mfa_token → otp grant → a token of the login's client", async () => {
    const mfaToken = await mfaLogin("particle-cli")
    expect(mfaToken).toMatch(/^[0-9a-f]{40}$/)
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken }),
      400,
      "invalid_request",
      "You must provide otp and mfa token."
    )
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", otp: "123456" }),
      400,
      "invalid_request",
      "You must provide otp and mfa token."
    )
    const ok = await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: sim.seed.mfaUser.otp })
    expect(ok.status).toBe(200)
    expect(ok.headers.get("cache-control")).toBe("no-store")
    const info = await call(sim, "GET", "/v1/access_tokens/current", { token: ok.json.access_token })
    expect(info.json.client).toBe("particle-cli")
    const me = await call(sim, "GET", "/v1/user", { token: ok.json.access_token })
    expect(me.json).toMatchObject({ username: sim.seed.mfaUser.username, mfa: { enabled: true } })
    // used up
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: sim.seed.mfaUser.otp }),
      400,
      "invalid_grant",
      "Invalid or expired mfa token"
    )
  })

  it("a wrong one-time password keeps the MFA token (particle-cli asks again with it)", async () => {
    const mfaToken = await mfaLogin()
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: "000000" }),
      400,
      "invalid_grant",
      "Invalid one-time password"
    )
    const retry = await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: sim.seed.mfaUser.otp })
    expect(retry.status).toBe(200)
  })

  it("an MFA token expires after 5 minutes; an unknown one is invalid", async () => {
    const start = Date.now()
    const mfaToken = await mfaLogin()
    freezeAt(start + 5 * 60_000 + 1000)
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: sim.seed.mfaUser.otp }),
      400,
      "invalid_grant",
      "Invalid or expired mfa token"
    )
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", mfa_token: "f".repeat(40), otp: "123456" }),
      400,
      "invalid_grant",
      "Invalid or expired mfa token"
    )
  })

  it("an enrolment MFA token is not a login MFA token", async () => {
    const en = await call(sim, "GET", "/v1/user/mfa-enable")
    expectOAuthError(
      await token({ grant_type: "urn:custom:mfa-otp", mfa_token: en.json.mfa_token, otp: "123456" }),
      400,
      "invalid_grant",
      "Invalid or expired mfa token"
    )
  })

  it("recovery-code grant: single-use codes of the MFA user", async () => {
    const mfaToken = await mfaLogin()
    expectOAuthError(
      await token({ grant_type: "urn:custom:recovery-code", mfa_token: mfaToken }),
      400,
      "invalid_request",
      "You must provide recovery code and mfa token."
    )
    expectOAuthError(
      await token({ grant_type: "urn:custom:recovery-code", mfa_token: mfaToken, recovery_code: "nope" }),
      400,
      "invalid_grant",
      "Invalid recovery code"
    )
    const ok = await token({
      grant_type: "urn:custom:recovery-code",
      mfa_token: mfaToken,
      recovery_code: sim.seed.mfaRecoveryCode
    })
    expect(ok.status).toBe(200)
    const again = await token({
      grant_type: "urn:custom:recovery-code",
      mfa_token: await mfaLogin(),
      recovery_code: sim.seed.mfaRecoveryCode
    })
    expectOAuthError(again, 400, "invalid_grant", "Invalid recovery code")
  })
})

describe("client_credentials", () => {
  it("a registered client gets a token for its owner; any other client is refused", async () => {
    const c = sim.seed.oauthClient
    const r = await token({ grant_type: "client_credentials", client_id: c.id, client_secret: c.secret })
    expect(r.status).toBe(200)
    expect(r.headers.get("cache-control")).toBe("no-store")
    expect(r.json).toMatchObject({ token_type: "bearer", expires_in: 7776000 })
    const me = await call(sim, "GET", "/v1/user", { token: r.json.access_token })
    expect(me.json.username).toBe(sim.seed.user.username)
    expectOAuthError(
      await token({ grant_type: "client_credentials" }),
      400,
      "invalid_client",
      "Client credentials are invalid"
    )
    const viaBasic = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { grant_type: "client_credentials" },
      headers: { authorization: basic(c.id, c.secret) }
    })
    expect(viaBasic.status).toBe(200)
  })

  it("scope=customer=<email>: a customer-scoped token the customer can use; unknown customer invalid_scope", async () => {
    const c = sim.seed.oauthClient
    const email = sim.seed.customer.email
    const r = await token({
      grant_type: "client_credentials",
      client_id: c.id,
      client_secret: c.secret,
      scope: `customer=${email}`
    })
    expect(r.status).toBe(200)
    expect(r.json.scope).toBe(`customer=${email}`)
    const me = await call(sim, "GET", "/v1/user", { token: r.json.access_token })
    expect(me.json.username).toBe(email)
    expectOAuthError(
      await token({
        grant_type: "client_credentials",
        client_id: c.id,
        client_secret: c.secret,
        scope: "customer=x@y.z"
      }),
      400,
      "invalid_scope",
      "Customer not found"
    )
  })
})

describe("refresh_token", () => {
  const loginWith = (clientId: string) =>
    token({ grant_type: "password", ...DEMO, client_id: clientId, client_secret: clientId, expires_in: "3600" })

  it("rotates: a new access and refresh token of the same client; the old refresh token is used up", async () => {
    const first = await loginWith("particle-cli")
    const second = await token({
      grant_type: "refresh_token",
      refresh_token: first.json.refresh_token,
      client_id: "particle-cli",
      client_secret: "particle-cli"
    })
    expect(second.status).toBe(200)
    expect(second.headers.get("cache-control")).toBe("no-store")
    expect(second.json.access_token).not.toBe(first.json.access_token)
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token)
    expect(second.json.expires_in).toBe(7776000)
    const info = await call(sim, "GET", "/v1/access_tokens/current", { token: second.json.access_token })
    expect(info.json.client).toBe("particle-cli")
    expectOAuthError(
      await token({
        grant_type: "refresh_token",
        refresh_token: first.json.refresh_token,
        client_id: "particle-cli",
        client_secret: "particle-cli"
      }),
      400,
      "invalid_grant",
      "Invalid refresh token"
    )
  })

  it("missing, unknown, another client's, expired", async () => {
    expectOAuthError(
      await token({ grant_type: "refresh_token" }),
      400,
      "invalid_request",
      "No \"refresh_token\" parameter"
    )
    expectOAuthError(
      await token({ grant_type: "refresh_token", refresh_token: "0".repeat(40) }),
      400,
      "invalid_grant",
      "Invalid refresh token"
    )
    const cli = await loginWith("particle-cli")
    expectOAuthError(
      await token({ grant_type: "refresh_token", refresh_token: cli.json.refresh_token }),
      400,
      "invalid_grant",
      "Invalid refresh token"
    )
    const start = Date.now()
    const mine = await loginWith("particle")
    // valid for 14 days after the access token (1 h) expires
    freezeAt(start + 3600_000 + 14 * 86_400_000 + 1000)
    expectOAuthError(
      await token({ grant_type: "refresh_token", refresh_token: mine.json.refresh_token }),
      400,
      "invalid_grant",
      "Refresh token has expired"
    )
  })

  it("refreshing after the access token expired works within the refresh window", async () => {
    const start = Date.now()
    const r = await loginWith("particle")
    freezeAt(start + 2 * 3600_000)
    expect((await call(sim, "GET", "/v1/user", { token: r.json.access_token })).status).toBe(401)
    const fresh = await token({ grant_type: "refresh_token", refresh_token: r.json.refresh_token })
    expect(fresh.status).toBe(200)
    expect((await call(sim, "GET", "/v1/user", { token: fresh.json.access_token })).status).toBe(200)
  })
})

describe("authorization_code (web clients are not simulated)", () => {
  it("missing code, then no code is valid", async () => {
    expectOAuthError(await token({ grant_type: "authorization_code" }), 400, "invalid_request", "No \"code\" parameter")
    expectOAuthError(
      await token({ grant_type: "authorization_code", code: "abc" }),
      400,
      "invalid_grant",
      "Invalid code"
    )
  })
})
