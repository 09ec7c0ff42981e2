import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  call(sim, "POST", "/oauth/token", {
    token: null,
    form: { client_id: "particle", client_secret: "particle", ...form },
    headers
  })

describe("POST /oauth/token", () => {
  it("password grant returns a bearer token with refresh token and no-store headers", async () => {
    const r = await token({ grant_type: "password", username: "demo@particle.sim", password: "demo-password" })
    expect(r.status).toBe(200)
    expect(r.headers.get("cache-control")).toBe("no-store")
    expect(r.headers.get("pragma")).toBe("no-cache")
    expect(r.json).toMatchObject({ token_type: "bearer", expires_in: 7776000 })
    expect(r.json.access_token).toMatch(/^[0-9a-f]{40}$/)
    expect(r.json.refresh_token).toMatch(/^[0-9a-f]{40}$/)
    const me = await call(sim, "GET", "/v1/user", { token: r.json.access_token })
    expect(me.json.username).toBe("demo@particle.sim")
  })
  it("expires_in=0 gives a non-expiring token without expires_in / refresh_token", async () => {
    const r = await token({
      grant_type: "password",
      username: "demo@particle.sim",
      password: "demo-password",
      expires_in: "0"
    })
    expect(Object.keys(r.json).sort()).toEqual(["access_token", "token_type"])
  })
  it("accepts client credentials in a Basic header", async () => {
    const r = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { grant_type: "password", username: "demo@particle.sim", password: "demo-password" },
      headers: { authorization: "Basic " + Buffer.from("particle:particle").toString("base64") }
    })
    expect(r.status).toBe(200)
  })
  it("exact OAuth errors", async () => {
    const json = await call(sim, "POST", "/oauth/token", { token: null, json: { grant_type: "password" } })
    expect([json.status, json.json]).toEqual([400, {
      error: "invalid_request",
      error_description: "Method must be POST with application/x-www-form-urlencoded encoding"
    }])
    expect((await token({ grant_type: "nope" })).json).toEqual({
      error: "invalid_request",
      error_description: "Invalid or missing grant_type parameter"
    })
    const badClient = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { grant_type: "password", client_id: "x" }
    })
    expect(badClient.json).toEqual({
      error: "invalid_client",
      error_description: "Invalid or missing client_id parameter"
    })
    expect(badClient.headers.get("www-authenticate")).toBe("Basic realm=\"Service\"")
    const noSecret = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { grant_type: "password", client_id: "particle" }
    })
    expect(noSecret.json).toEqual({ error: "invalid_client", error_description: "Missing client_secret parameter" })
    const missing = await token({ grant_type: "password", username: "demo@particle.sim" })
    expect(missing.json).toEqual({
      error: "invalid_client",
      error_description: "Missing parameters. \"username\" and \"password\" are required"
    })
    const wrong = await token({ grant_type: "password", username: "demo@particle.sim", password: "bad" })
    expect([wrong.status, wrong.json]).toEqual([400, {
      error: "invalid_grant",
      error_description: "User credentials are invalid"
    }])
    expect(wrong.headers.get("cache-control")).toBe("no-store")
  })
  it("MFA: 403 mfa_required with mfa_token, then the otp grant", async () => {
    const first = await token({
      grant_type: "password",
      username: sim.seed.mfaUser.username,
      password: sim.seed.mfaUser.password
    })
    expect(first.status).toBe(403)
    expect(first.json).toMatchObject({
      error: "mfa_required",
      error_description: "Multi-factor authentication required"
    })
    const mfaToken = first.json.mfa_token as string
    expect((await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken })).json).toEqual({
      error: "invalid_request",
      error_description: "You must provide otp and mfa token."
    })
    expect((await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: "000000" })).json.error).toBe(
      "invalid_grant"
    )
    const ok = await token({ grant_type: "urn:custom:mfa-otp", mfa_token: mfaToken, otp: sim.seed.mfaUser.otp })
    expect(ok.status).toBe(200)
    expect(ok.json.access_token).toMatch(/^[0-9a-f]{40}$/)
  })
  it("client_credentials needs a registered client; customer scope", async () => {
    expect((await token({ grant_type: "client_credentials" })).json).toEqual({
      error: "invalid_client",
      error_description: "Client credentials are invalid"
    })
    const c = sim.seed.oauthClient
    const r = await token({ grant_type: "client_credentials", client_id: c.id, client_secret: c.secret })
    expect(r.status).toBe(200)
    const products = await call(sim, "GET", "/v1/products", { token: r.json.access_token })
    expect(products.json.products[0].id).toBe(sim.seed.product.id)
    const cust = await token({
      grant_type: "client_credentials",
      client_id: c.id,
      client_secret: c.secret,
      scope: `customer=${sim.seed.customer.email}`
    })
    expect(cust.json.scope).toBe(`customer=${sim.seed.customer.email}`)
    expect((await token({ grant_type: "client_credentials", client_id: c.id, client_secret: "wrong" })).status).toBe(
      400
    )
  })
  it("refresh_token grant rotates tokens; unknown refresh token is invalid_grant", async () => {
    const r = await token({ grant_type: "password", username: "demo@particle.sim", password: "demo-password" })
    const r2 = await token({ grant_type: "refresh_token", refresh_token: r.json.refresh_token })
    expect(r2.status).toBe(200)
    expect(r2.json.access_token).not.toBe(r.json.access_token)
    expect((await token({ grant_type: "refresh_token", refresh_token: r.json.refresh_token })).json).toEqual({
      error: "invalid_grant",
      error_description: "Invalid refresh token"
    })
  })
})

describe("bearer validation", () => {
  it("uses the exact oauth2 bodies", async () => {
    const none = await call(sim, "GET", "/v1/devices", { token: null })
    expect([none.status, none.json]).toEqual([400, {
      error: "invalid_request",
      error_description: "The access token was not found"
    }])
    const malformed = await call(sim, "GET", "/v1/devices", { token: null, headers: { authorization: "Token abc" } })
    expect([malformed.status, malformed.json]).toEqual([400, {
      error: "invalid_request",
      error_description: "Malformed auth header"
    }])
    const invalid = await call(sim, "GET", "/v1/devices", { token: "0".repeat(40) })
    expect([invalid.status, invalid.json]).toEqual([401, {
      error: "invalid_token",
      error_description: "The access token provided is invalid."
    }])
    const two = await call(sim, "GET", `/v1/devices?access_token=${sim.accessToken}`)
    expect(two.json.error_description).toBe(
      "Only one method may be used to authenticate at a time (Auth header,  GET or POST)."
    )
    const query = await call(sim, "GET", `/v1/devices?access_token=${sim.accessToken}`, { token: null })
    expect(query.status).toBe(200)
    const bodyGet = await call(sim, "POST", "/v1/devices/events", {
      token: null,
      json: { name: "x", access_token: sim.accessToken }
    })
    expect(bodyGet.json.error_description).toBe(
      "When putting the token in the body, content type must be application/x-www-form-urlencoded."
    )
    const bodyForm = await call(sim, "POST", "/v1/devices/events", {
      token: null,
      form: { name: "x", access_token: sim.accessToken }
    })
    expect(bodyForm.json).toEqual({ ok: true })
  })
  it("expired tokens get 'has expired'", async () => {
    const t = sim.createToken({ username: "demo@particle.sim", expiresInSeconds: -1 })
    const r = await call(sim, "GET", "/v1/user", { token: t })
    expect([r.status, r.json]).toEqual([401, {
      error: "invalid_token",
      error_description: "The access token provided has expired."
    }])
    const short = await token({
      grant_type: "password",
      username: "demo@particle.sim",
      password: "demo-password",
      expires_at: new Date(Date.now() + 60_000).toISOString()
    })
    expect(short.json.expires_in).toBeGreaterThan(50)
  })
  it("revoked tokens are invalid", async () => {
    const t = sim.createToken({ username: "demo@particle.sim" })
    sim.revokeToken(t)
    expect((await call(sim, "GET", "/v1/user", { token: t })).status).toBe(401)
  })
})

describe("access tokens and user", () => {
  it("current token info, delete current, delete all", async () => {
    const t = sim.createToken({ username: "demo@particle.sim", expiresInSeconds: 3600 })
    const info = await call(sim, "GET", "/v1/access_tokens/current", { token: t })
    expect(info.json).toMatchObject({ client: "particle", scopes: [], orgs: [] })
    expect(typeof info.json.expires_at).toBe("string")
    expect((await call(sim, "DELETE", "/v1/access_tokens/current", { token: t })).json).toEqual({ ok: true })
    expect((await call(sim, "GET", "/v1/user", { token: t })).status).toBe(401)
    const t2 = sim.createToken({ username: "demo@particle.sim" })
    expect((await call(sim, "DELETE", "/v1/access_tokens", { token: t2 })).json).toEqual({ ok: true })
    expect((await call(sim, "GET", "/v1/user")).status).toBe(401)
  })
  it("legacy GET /v1/access_tokens needs Basic auth", async () => {
    const r = await call(sim, "GET", "/v1/access_tokens", { token: null })
    expect(r.status).toBe(401)
    const ok = await call(sim, "GET", "/v1/access_tokens", {
      token: null,
      headers: { authorization: "Basic " + Buffer.from("demo@particle.sim:demo-password").toString("base64") }
    })
    expect(ok.json.some((t: any) => t.token === sim.accessToken)).toBe(true)
  })
  it("user info, update, password reset, signup, identify, MFA enrolment", async () => {
    const u = await call(sim, "GET", "/v1/user")
    expect(u.json).toMatchObject({
      username: "demo@particle.sim",
      mfa: { enabled: false },
      account_info: { first_name: "Demo" }
    })
    expect((await call(sim, "PUT", "/v1/user", { json: { account_info: { first_name: "X" } } })).json.ok).toBe(true)
    expect((await call(sim, "PUT", "/v1/user", { json: { password: "n", current_password: "bad" } })).status).toBe(400)
    expect(
      (await call(sim, "PUT", "/v1/user", { json: { password: "new-pass", current_password: "demo-password" } })).json
    ).toEqual({ ok: true, message: "User's password updated." })
    expect(
      (await call(sim, "POST", "/v1/user/password-reset", { token: null, json: { username: "demo@particle.sim" } }))
        .json
    ).toEqual({ ok: true, message: "Password reset email sent." })
    expect((await call(sim, "POST", "/v1/users", { token: null, json: { username: "new@x.io", password: "p" } })).json)
      .toEqual({ ok: true })
    expect((await call(sim, "GET", "/v1/user/identify")).json).toEqual({
      id: sim.seed.user.id,
      email: "demo@particle.sim"
    })
    const en = await call(sim, "GET", "/v1/user/mfa-enable")
    const conf = await call(sim, "POST", "/v1/user/mfa-enable", {
      json: { mfa_token: en.json.mfa_token, otp: sim.seed.mfaUser.otp }
    })
    expect(conf.json.enrolled).toBe(true)
    expect((await call(sim, "PUT", "/v1/user/mfa-disable", { json: { current_password: "new-pass" } })).json).toEqual({
      ok: true
    })
  })
})
