/**
 * Access tokens: the legacy Basic-auth list, the current token, revoking it, all of them, or one named in
 * the path with whatever credentials the official clients send (none, Basic, Bearer).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { Simulator } from "../src/index.js"
import { call, type Sim } from "./helpers.js"

let sim: Sim
beforeAll(async () => {
  sim = await Simulator.start()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())

const basic = (user: string, pass: string) => "Basic " + Buffer.from(`${user}:${pass}`).toString("base64")
const DEMO = "demo@particle.sim"

const invalid = { error: "invalid_token", error_description: "The access token provided is invalid." }

describe("GET /v1/access_tokens (HTTP Basic)", () => {
  it("lists the user's live tokens with expiry and client; never another user's", async () => {
    const hour = sim.createToken({ username: DEMO, expiresInSeconds: 3600 })
    const gone = sim.createToken({ username: DEMO, expiresInSeconds: -1 })
    const r = await call(sim, "GET", "/v1/access_tokens", {
      token: null,
      headers: { authorization: basic(DEMO, "demo-password") }
    })
    expect(r.status).toBe(200)
    const tokens = r.json as Array<{ token: string; expires_at: string | null; client: string }>
    expect(tokens.find((t) => t.token === sim.accessToken)).toEqual({
      token: sim.accessToken,
      expires_at: null,
      client: "particle"
    })
    expect(Date.parse(tokens.find((t) => t.token === hour)!.expires_at!)).toBeGreaterThan(Date.now())
    expect(tokens.map((t) => t.token)).not.toContain(gone)
    expect(tokens.map((t) => t.token)).not.toContain(sim.seed.otherUser.accessToken)
  })

  it("401 without Basic, with a wrong password, with a Bearer token only", async () => {
    const none = await call(sim, "GET", "/v1/access_tokens", { token: null })
    expect([none.status, none.json]).toEqual([401, {
      ok: false,
      errors: ["Unauthorized. You must send username and password in HTTP Basic Auth to view your access tokens."]
    }])
    const bearer = await call(sim, "GET", "/v1/access_tokens")
    expect(bearer.status).toBe(401)
    const wrong = await call(sim, "GET", "/v1/access_tokens", {
      token: null,
      headers: { authorization: basic(DEMO, "x") }
    })
    expect([wrong.status, wrong.json]).toEqual([401, { ok: false, errors: ["Bad password"] }])
    const nobody = await call(sim, "GET", "/v1/access_tokens", {
      token: null,
      headers: { authorization: basic("nobody@x.io", "x") }
    })
    expect(nobody.status).toBe(401)
    const garbage = await call(sim, "GET", "/v1/access_tokens", {
      token: null,
      headers: { authorization: "Basic !!!" }
    })
    expect(garbage.status).toBe(401)
  })

  it("an MFA account also needs ?otp= (as particle-api-js ≤ 10 sent it)", async () => {
    const { otp, password, username } = sim.seed.mfaUser
    const without = await call(sim, "GET", "/v1/access_tokens", {
      token: null,
      headers: { authorization: basic(username, password) }
    })
    expect([without.status, without.json]).toEqual([401, {
      ok: false,
      errors: ["Invalid or missing one-time password"]
    }])
    const withOtp = await call(sim, "GET", `/v1/access_tokens?otp=${otp}`, {
      token: null,
      headers: { authorization: basic(username, password) }
    })
    expect([withOtp.status, withOtp.json]).toEqual([200, []])
  })
})

describe("the current token", () => {
  it("GET describes it; DELETE revokes it, after which it answers 401", async () => {
    const t = sim.createToken({ username: DEMO, expiresInSeconds: 3600 })
    const info = await call(sim, "GET", "/v1/access_tokens/current", { token: t })
    expect(info.json).toMatchObject({ client: "particle", client_id: "particle", scopes: [], orgs: [] })
    expect(Date.parse(info.json.expires_at)).toBeGreaterThan(Date.now())
    expect((await call(sim, "DELETE", "/v1/access_tokens/current", { token: t })).json).toEqual({ ok: true })
    const after = await call(sim, "GET", "/v1/access_tokens/current", { token: t })
    expect([after.status, after.json]).toEqual([401, invalid])
    // the other tokens of the user still work
    expect((await call(sim, "GET", "/v1/user")).status).toBe(200)
  })

  it("DELETE /v1/access_tokens revokes every token of the user, the calling one too, and no one else's", async () => {
    const t = sim.createToken({ username: DEMO })
    expect((await call(sim, "DELETE", "/v1/access_tokens", { token: t })).json).toEqual({ ok: true })
    expect((await call(sim, "GET", "/v1/user", { token: t })).status).toBe(401)
    expect((await call(sim, "GET", "/v1/user")).status).toBe(401)
    expect((await call(sim, "GET", "/v1/user", { token: sim.seed.otherUser.accessToken })).status).toBe(200)
  })

  it("an expired token cannot delete itself", async () => {
    const t = sim.createToken({ username: DEMO, expiresInSeconds: -1 })
    const r = await call(sim, "DELETE", "/v1/access_tokens/current", { token: t })
    expect([r.status, r.json]).toEqual([401, {
      error: "invalid_token",
      error_description: "The access token provided has expired."
    }])
  })
})

describe("DELETE /v1/access_tokens/:token", () => {
  it("without credentials (particle-api-js 12, particle-cli `token revoke`): the token in the path suffices", async () => {
    const t = sim.createToken({ username: DEMO })
    const r = await call(sim, "DELETE", `/v1/access_tokens/${t}`, { token: null })
    expect([r.status, r.json]).toEqual([200, { ok: true }])
    expect((await call(sim, "GET", "/v1/user", { token: t })).json).toEqual(invalid)
    const again = await call(sim, "DELETE", `/v1/access_tokens/${t}`, { token: null })
    expect([again.status, again.json]).toEqual([404, { ok: false, error: "Access token not found" }])
  })

  it("with a Bearer token (a default token in particle-api-js ≥ 11.1): it must be valid", async () => {
    const t = sim.createToken({ username: DEMO })
    expect((await call(sim, "DELETE", `/v1/access_tokens/${t}`)).json).toEqual({ ok: true })
    const t2 = sim.createToken({ username: DEMO })
    const bad = await call(sim, "DELETE", `/v1/access_tokens/${t2}`, { token: "0".repeat(40) })
    expect([bad.status, bad.json]).toEqual([401, invalid])
    expect((await call(sim, "GET", "/v1/user", { token: t2 })).status).toBe(200)
  })

  it("with Basic credentials (the docs): only the user's own tokens", async () => {
    const t = sim.createToken({ username: DEMO })
    const wrong = await call(sim, "DELETE", `/v1/access_tokens/${t}`, {
      token: null,
      headers: { authorization: basic(DEMO, "nope") }
    })
    expect([wrong.status, wrong.json]).toEqual([401, { ok: false, errors: ["Bad password"] }])
    const notMine = await call(sim, "DELETE", `/v1/access_tokens/${sim.seed.otherUser.accessToken}`, {
      token: null,
      headers: { authorization: basic(DEMO, "demo-password") }
    })
    expect(notMine.status).toBe(404)
    expect((await call(sim, "GET", "/v1/user", { token: sim.seed.otherUser.accessToken })).status).toBe(200)
    const mine = await call(sim, "DELETE", `/v1/access_tokens/${t}`, {
      token: null,
      headers: { authorization: basic(DEMO, "demo-password") }
    })
    expect(mine.json).toEqual({ ok: true })
  })

  it("an unknown token is 404", async () => {
    const r = await call(sim, "DELETE", `/v1/access_tokens/${"a".repeat(40)}`, { token: null })
    expect([r.status, r.json]).toEqual([404, { ok: false, error: "Access token not found" }])
  })
})

describe("tokens of a deleted or renamed user", () => {
  it("a deleted user's tokens answer 401; a renamed user's keep working", async () => {
    const u = sim.createUser({ username: "gone@particle.sim", password: "pw" })
    const t = sim.createToken({ username: u.username })
    expect((await call(sim, "DELETE", "/v1/user", { token: t, json: { password: "pw" } })).status).toBe(200)
    expect((await call(sim, "GET", "/v1/user", { token: t })).json).toEqual(invalid)
    const t2 = sim.createToken({ username: DEMO })
    const renamed = await call(sim, "PUT", "/v1/user", {
      token: t2,
      json: { username: "renamed@particle.sim", current_password: "demo-password" }
    })
    expect(renamed.status).toBe(200)
    expect((await call(sim, "GET", "/v1/user", { token: t2 })).json.username).toBe("renamed@particle.sim")
    expect((await call(sim, "GET", "/v1/user")).json.username).toBe("renamed@particle.sim")
  })
})
