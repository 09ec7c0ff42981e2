/**
 * Fidelity suite for the auth family: the official particle-api-js 12.0.3 client, every auth, user, token,
 * MFA, OAuth-client and customer method, driven against the simulator; plus the two methods 12.0.3 dropped
 * (`verifyUser`, `listAccessTokens`) sent with its generic `request` exactly as particle-api-js 11 / 10 sent
 * them, and the grants it has no method for (`refresh_token`, customer scope) through the same generic
 * `request`. Each call's wire request is checked where the simulator must accept what the client sends.
 */
import { describe, expect, it } from "vitest"
import { officialSuite, Particle, rejection } from "./official.js"

const { sim, api, auth, lastRequest } = await officialSuite()

describe("particle-api-js 12.0.3 → simulator: grants", () => {
  it("login: the password grant as particle-api-js sends it; bad credentials; MFA", async () => {
    const r = await api.login({ username: "demo@particle.sim", password: "demo-password" })
    expect(r.statusCode).toBe(200)
    expect(r.body).toMatchObject({ token_type: "bearer", expires_in: 7776000 })
    expect(r.body.access_token).toMatch(/^[0-9a-f]{40}$/)
    expect(lastRequest().form).toEqual({
      username: "demo@particle.sim",
      password: "demo-password",
      grant_type: "password",
      client_id: "particle-api",
      client_secret: "particle-api",
      expires_in: "7776000"
    })
    const short = await api.login({ username: "demo@particle.sim", password: "demo-password", tokenDuration: 60 })
    expect(short.body.expires_in).toBe(60)

    const bad = await rejection(api.login({ username: "demo@particle.sim", password: "nope" }))
    expect(bad.statusCode).toBe(400)
    expect(bad.shortErrorDescription).toBe("User credentials are invalid")
    expect(bad.body.error).toBe("invalid_grant")
    const missing = await rejection(api.login({ username: "demo@particle.sim" }))
    expect(missing.body.error).toBe("invalid_client")

    const mfa = await rejection(api.login({ username: sim.seed.mfaUser.username, password: sim.seed.mfaUser.password }))
    expect(mfa.statusCode).toBe(403)
    expect(mfa.body).toMatchObject({ error: "mfa_required", error_description: "Multi-factor authentication required" })
    expect(mfa.body.mfa_token).toMatch(/^[0-9a-f]{40}$/)
  })

  it("login with a default token: particle-api-js sends that Bearer too, and the token endpoint ignores it", async () => {
    const withDefault = new Particle({ baseUrl: sim.url, auth })
    const r = await withDefault.login({ username: "demo@particle.sim", password: "demo-password" })
    expect(r.statusCode).toBe(200)
    expect(lastRequest().headers.authorization).toBe(`Bearer ${auth}`)
  })

  it("sendOtp: the second MFA step; a wrong code keeps the MFA token", async () => {
    const mfa = await rejection(api.login({ username: sim.seed.mfaUser.username, password: sim.seed.mfaUser.password }))
    const wrong = await rejection(api.sendOtp({ mfaToken: mfa.body.mfa_token, otp: "000000" }))
    expect([wrong.statusCode, wrong.body.error]).toEqual([400, "invalid_grant"])
    const otp = await api.sendOtp({ mfaToken: mfa.body.mfa_token, otp: sim.seed.mfaUser.otp })
    expect(otp.statusCode).toBe(200)
    expect(otp.body.access_token).toMatch(/^[0-9a-f]{40}$/)
    expect(lastRequest().form).toEqual({
      grant_type: "urn:custom:mfa-otp",
      mfa_token: mfa.body.mfa_token,
      otp: sim.seed.mfaUser.otp,
      client_id: "particle-api",
      client_secret: "particle-api"
    })
    expect((await api.getUserInfo({ auth: otp.body.access_token })).body.username).toBe(sim.seed.mfaUser.username)
  })

  it("loginAsClientOwner: a product client's credentials; particle-api-js's own client is refused", async () => {
    const owner = new Particle({
      baseUrl: sim.url,
      clientId: sim.seed.oauthClient.id,
      clientSecret: sim.seed.oauthClient.secret
    })
    const r = await owner.loginAsClientOwner()
    expect(r.body.token_type).toBe("bearer")
    expect(lastRequest().form).toEqual({
      grant_type: "client_credentials",
      client_id: sim.seed.oauthClient.id,
      client_secret: sim.seed.oauthClient.secret
    })
    expect((await api.listProducts({ auth: r.body.access_token })).body.products[0].id).toBe(sim.seed.product.id)
    const notClient = await rejection(api.loginAsClientOwner())
    expect(notClient.statusCode).toBe(400)
    expect(notClient.body).toMatchObject({
      error: "invalid_client",
      error_description: "Client credentials are invalid"
    })
  })

  it("the grants particle-api-js has no method for, through its generic request: refresh, customer-scoped", async () => {
    const first = await api.login({ username: "demo@particle.sim", password: "demo-password", tokenDuration: 3600 })
    const form = { client_id: "particle-api", client_secret: "particle-api" }
    const refreshed = await api.request({
      uri: "/oauth/token",
      method: "post",
      form: { ...form, grant_type: "refresh_token", refresh_token: first.body.refresh_token }
    })
    expect(refreshed.body.access_token).not.toBe(first.body.access_token)
    const reused = await rejection(api.request({
      uri: "/oauth/token",
      method: "post",
      form: { ...form, grant_type: "refresh_token", refresh_token: first.body.refresh_token }
    }))
    expect([reused.statusCode, reused.shortErrorDescription]).toEqual([400, "Invalid refresh token"])
    const c = sim.seed.oauthClient
    const customer = await api.request({
      uri: "/oauth/token",
      method: "post",
      form: {
        grant_type: "client_credentials",
        client_id: c.id,
        client_secret: c.secret,
        scope: `customer=${sim.seed.customer.email}`
      }
    })
    expect(customer.body.scope).toBe(`customer=${sim.seed.customer.email}`)
    expect((await api.getUserInfo({ auth: customer.body.access_token })).body.username).toBe(sim.seed.customer.email)
  })

  it("createCustomer: the product client's credentials in the form, 201 with a token", async () => {
    const p = sim.seed.product
    const cust = new Particle({
      baseUrl: sim.url,
      clientId: sim.seed.oauthClient.id,
      clientSecret: sim.seed.oauthClient.secret
    })
    const c = await cust.createCustomer({ product: p.id, email: "c2@x.io", password: "pw" })
    expect([c.statusCode, c.body.token_type]).toEqual([201, "bearer"])
    expect(lastRequest().form).toEqual({
      email: "c2@x.io",
      password: "pw",
      grant_type: "client_credentials",
      client_id: sim.seed.oauthClient.id,
      client_secret: sim.seed.oauthClient.secret
    })
    expect((await api.getUserInfo({ auth: c.body.access_token })).body.username).toBe("c2@x.io")
    const dup = await rejection(cust.createCustomer({ product: p.id, email: "c2@x.io", password: "pw" }))
    expect(dup.statusCode).toBe(400)
    const wrongClient = await rejection(api.createCustomer({ product: p.id, email: "c3@x.io", password: "pw" }))
    expect(wrongClient.body.error).toBe("invalid_client")
  })
})

describe("particle-api-js 12.0.3 → simulator: tokens", () => {
  it("deleteAccessToken without a default token: no Authorization at all, still revoked (particle-cli `token revoke`)", async () => {
    const t = sim.createToken({ username: "demo@particle.sim" })
    expect((await api.deleteAccessToken({ token: t })).body).toEqual({ ok: true })
    const sent = lastRequest()
    expect([sent.method, sent.path, sent.headers.authorization]).toEqual([
      "DELETE",
      `/v1/access_tokens/${t}`,
      undefined
    ])
    expect((await rejection(api.getUserInfo({ auth: t }))).statusCode).toBe(401)
    expect((await rejection(api.deleteAccessToken({ token: t }))).statusCode).toBe(404)
  })

  it("deleteAccessToken with a default token (Bearer)", async () => {
    const withDefault = new Particle({ baseUrl: sim.url, auth })
    const t = sim.createToken({ username: "demo@particle.sim" })
    expect((await withDefault.deleteAccessToken({ token: t })).body).toEqual({ ok: true })
    expect(lastRequest().headers.authorization).toBe(`Bearer ${auth}`)
  })

  it("deleteCurrentAccessToken, deleteActiveAccessTokens: a deleted token answers 401", async () => {
    const t = sim.createToken({ username: "demo@particle.sim" })
    expect((await api.deleteCurrentAccessToken({ auth: t })).body).toEqual({ ok: true })
    const gone = await rejection(api.getUserInfo({ auth: t }))
    expect(gone.statusCode).toBe(401)
    expect(gone.shortErrorDescription).toBe("The access token provided is invalid.")
    const t2 = sim.createToken({ username: "demo@particle.sim" })
    expect((await api.deleteActiveAccessTokens({ auth: t2 })).body).toEqual({ ok: true })
    expect((await rejection(api.getUserInfo({ auth }))).statusCode).toBe(401)
  })

  it("listAccessTokens as particle-api-js ≤ 10 sent it (Basic username:password), through the generic request", async () => {
    const basic = "Basic " + Buffer.from("demo@particle.sim:demo-password").toString("base64")
    const r = await api.get({ uri: "/v1/access_tokens", headers: { Authorization: basic } })
    expect(r.body.some((t: any) => t.token === auth && t.expires_at === null && t.client === "particle")).toBe(true)
    const wrong = await rejection(
      api.get({
        uri: "/v1/access_tokens",
        headers: { Authorization: "Basic " + Buffer.from("demo@particle.sim:x").toString("base64") }
      })
    )
    expect([wrong.statusCode, wrong.body.errors]).toEqual([401, ["Bad password"]])
  })

  it("bearer errors surface as particle-api-js errors", async () => {
    const e = await rejection(api.listDevices({ auth: "0".repeat(40) }))
    expect(e.statusCode).toBe(401)
    expect(e.errorDescription).toContain("The access token provided is invalid.")
    const expired = await rejection(
      api.getUserInfo({ auth: sim.createToken({ username: "demo@particle.sim", expiresInSeconds: -1 }) })
    )
    expect(expired.shortErrorDescription).toBe("The access token provided has expired.")
  })
})

describe("particle-api-js 12.0.3 → simulator: user", () => {
  it("getUserInfo, setUserInfo, trackingIdentity (tracking id and full)", async () => {
    expect((await api.getUserInfo({ auth })).body).toMatchObject({
      username: "demo@particle.sim",
      mfa: { enabled: false }
    })
    expect((await api.setUserInfo({ accountInfo: { first_name: "A" }, auth })).body.ok).toBe(true)
    expect(lastRequest().json).toEqual({ account_info: { first_name: "A" } })
    expect((await api.getUserInfo({ auth })).body.account_info.first_name).toBe("A")
    expect((await api.trackingIdentity({ auth })).body).toEqual({ id: sim.seed.user.id, email: "demo@particle.sim" })
    expect(lastRequest().rawQuery).toBe("tracking=1")
    expect((await api.trackingIdentity({ full: true, auth })).body.id).toBe(sim.seed.user.id)
    expect(lastRequest().rawQuery).toBe("")
  })

  it("createUser, verifyUser (as particle-api-js 11 sent it), resetPassword", async () => {
    expect(
      (await api.createUser({ username: "new@particle.sim", password: "pw", accountInfo: { first_name: "N" } })).body
    )
      .toEqual({ ok: true })
    expect(lastRequest().json).toEqual({
      username: "new@particle.sim",
      password: "pw",
      account_info: { first_name: "N" }
    })
    expect((await api.login({ username: "new@particle.sim", password: "pw" })).statusCode).toBe(200)
    const verify = (token: string) => api.post({ uri: "/v1/user/verify", data: { token } })
    expect((await verify(sim.seed.unverifiedUser.verificationToken)).body).toEqual({ ok: true })
    expect((await rejection(verify(sim.seed.unverifiedUser.verificationToken))).statusCode).toBe(400)
    expect((await api.resetPassword({ username: "new@particle.sim" })).body).toEqual({
      ok: true,
      message: "Password reset email sent."
    })
  })

  it("changeUserPassword, changeUsername (with invalidateTokens), deleteUser (DELETE with a JSON body)", async () => {
    const other = sim.createToken({ username: "demo@particle.sim" })
    const wrong = await rejection(api.changeUserPassword({ currentPassword: "nope", password: "pw2", auth }))
    expect(wrong.statusCode).toBe(400)
    expect(
      (await api.changeUserPassword({
        currentPassword: "demo-password",
        password: "pw2",
        invalidateTokens: true,
        auth
      })).body.ok
    )
      .toBe(true)
    expect(lastRequest().json).toEqual({ password: "pw2", current_password: "demo-password", invalidate_tokens: true })
    expect((await rejection(api.getUserInfo({ auth: other }))).statusCode).toBe(401)
    expect((await api.changeUsername({ currentPassword: "pw2", username: "renamed@particle.sim", auth })).body.ok).toBe(
      true
    )
    expect(lastRequest().json).toEqual({ username: "renamed@particle.sim", current_password: "pw2" })
    expect((await api.login({ username: "renamed@particle.sim", password: "pw2" })).statusCode).toBe(200)

    const u = sim.createUser({ username: "gone@particle.sim", password: "pw" })
    const t = sim.createToken({ username: u.username })
    expect((await rejection(api.deleteUser({ password: "nope", auth: t }))).statusCode).toBe(400)
    expect((await api.deleteUser({ password: "pw", auth: t })).body.ok).toBe(true)
    const sent = lastRequest()
    expect([sent.method, sent.json]).toEqual(["DELETE", { password: "pw" }])
    expect((await rejection(api.getUserInfo({ auth: t }))).statusCode).toBe(401)
  })

  it("enableMfa → confirmMfa → login needs sendOtp → disableMfa", async () => {
    const en = await api.enableMfa({ auth })
    expect(en.body.mfa_token).toMatch(/^[0-9a-f]{40}$/)
    expect(en.body.qr_url).toMatch(/^otpauth:/)
    const wrong = await rejection(api.confirmMfa({ mfaToken: en.body.mfa_token, otp: "000000", auth }))
    expect(wrong.statusCode).toBe(400)
    const conf = await api.confirmMfa({ mfaToken: en.body.mfa_token, otp: sim.seed.mfaUser.otp, auth })
    expect(conf.body.enrolled).toBe(true)
    expect(conf.body.tokens.length).toBeGreaterThan(0)
    expect(lastRequest().json).toEqual({ mfa_token: en.body.mfa_token, otp: sim.seed.mfaUser.otp })
    const mfa = await rejection(api.login({ username: "demo@particle.sim", password: "demo-password" }))
    expect(mfa.body.error).toBe("mfa_required")
    expect((await api.sendOtp({ mfaToken: mfa.body.mfa_token, otp: sim.seed.mfaUser.otp })).statusCode).toBe(200)
    expect((await rejection(api.disableMfa({ currentPassword: "nope", auth }))).statusCode).toBe(400)
    expect((await api.disableMfa({ currentPassword: "demo-password", auth })).body.ok).toBe(true)
    expect(lastRequest().json).toEqual({ current_password: "demo-password" })
    expect((await api.login({ username: "demo@particle.sim", password: "demo-password" })).statusCode).toBe(200)
  })
})

describe("particle-api-js 12.0.3 → simulator: OAuth clients", () => {
  it("user scope: create (secret once), list, update, delete", async () => {
    const c = await api.createOAuthClient({ name: "My App", type: "installed", auth })
    expect(c.body.client).toMatchObject({ name: "My App", type: "installed" })
    expect(c.body.client.secret).toMatch(/^[0-9a-f]{40}$/)
    expect(lastRequest().json).toEqual({ name: "My App", type: "installed" })
    const listed = await api.listOAuthClients({ auth })
    expect(listed.body.clients.map((x: any) => x.id)).toEqual([c.body.client.id])
    expect(listed.body.clients[0].secret).toBeUndefined()
    expect((await api.updateOAuthClient({ clientId: c.body.client.id, name: "Renamed", auth })).body.client.name).toBe(
      "Renamed"
    )
    expect((await api.deleteOAuthClient({ clientId: c.body.client.id, auth })).statusCode).toBe(204)
    expect((await rejection(api.deleteOAuthClient({ clientId: c.body.client.id, auth }))).statusCode).toBe(404)
  })

  it("product scope, web client with redirect_uri and scope", async () => {
    const product = sim.seed.product.id
    expect((await api.listOAuthClients({ product, auth })).body.clients[0].id).toBe(sim.seed.oauthClient.id)
    const web = await api.createOAuthClient({
      name: "Portal",
      type: "web",
      redirect_uri: "https://example.com/cb",
      scope: "customers:create",
      product,
      auth
    })
    expect(web.body.client).toMatchObject({
      type: "web",
      redirect_uri: "https://example.com/cb",
      scope: "customers:create"
    })
    expect(lastRequest().path).toBe(`/v1/products/${product}/clients`)
    const up = await api.updateOAuthClient({ clientId: web.body.client.id, scope: "none", product, auth })
    expect(up.body.client.scope).toBeUndefined()
    expect((await api.deleteOAuthClient({ clientId: web.body.client.id, product, auth })).statusCode).toBe(204)
    const noRedirect = await rejection(api.createOAuthClient({ name: "x", type: "web", auth }))
    expect(noRedirect.statusCode).toBe(400)
  })
})
