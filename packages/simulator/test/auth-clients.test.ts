/**
 * OAuth clients of the user and of products (create with a secret shown once, list, update, delete, 204),
 * and customer creation with the product's client credentials or a team member's token.
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

describe("OAuth clients", () => {
  it("user scope: create (secret once) → list (no secrets) → update → delete 204 → 404", async () => {
    const made = await call(sim, "POST", "/v1/clients", { json: { name: "My App", type: "installed", scope: "*:*" } })
    expect(made.status).toBe(200)
    expect(made.json.ok).toBe(true)
    expect(made.json.client).toMatchObject({ name: "My App", type: "installed", scope: "*:*" })
    expect(made.json.client.id).toMatch(/^my-app-\d+$/)
    expect(made.json.client.secret).toMatch(/^[0-9a-f]{40}$/)
    const id = made.json.client.id as string
    const list = await call(sim, "GET", "/v1/clients")
    expect(list.json).toEqual({ ok: true, clients: [{ name: "My App", type: "installed", id, scope: "*:*" }] })
    const up = await call(sim, "PUT", `/v1/clients/${id}`, { json: { name: "Renamed", scope: "none" } })
    expect(up.json).toEqual({ ok: true, client: { name: "Renamed", type: "installed", id } })
    const del = await call(sim, "DELETE", `/v1/clients/${id}`)
    expect([del.status, del.text]).toEqual([204, ""])
    expect((await call(sim, "DELETE", `/v1/clients/${id}`)).status).toBe(404)
    expect((await call(sim, "PUT", `/v1/clients/${id}`, { json: { name: "x" } })).json).toEqual({
      ok: false,
      error: "Client not found"
    })
  })

  it("a created client's credentials work at the token endpoint, until it is deleted", async () => {
    const made = await call(sim, "POST", "/v1/clients", { json: { name: "backend", type: "installed" } })
    const { id, secret } = made.json.client
    const form = { grant_type: "client_credentials", client_id: id, client_secret: secret }
    const t = await call(sim, "POST", "/oauth/token", { token: null, form })
    expect(t.status).toBe(200)
    await call(sim, "DELETE", `/v1/clients/${id}`)
    expect((await call(sim, "POST", "/oauth/token", { token: null, form })).json.error).toBe("invalid_client")
  })

  it("product scope: the seeded client is listed with its product; another user's product is 403", async () => {
    const p = sim.seed.product
    const list = await call(sim, "GET", `/v1/products/${p.slug}/clients`)
    expect(list.json.clients).toEqual([{
      name: "Sim Fleet Client",
      type: "installed",
      id: sim.seed.oauthClient.id,
      scope: "*:*",
      product_id: p.id
    }])
    const web = await call(sim, "POST", `/v1/products/${p.id}/clients`, {
      json: { name: "Portal", type: "web", redirect_uri: "https://example.com/cb" }
    })
    expect(web.json.client).toMatchObject({ type: "web", redirect_uri: "https://example.com/cb", product_id: p.id })
    // a product client is not the user's, and the other way round
    expect((await call(sim, "DELETE", `/v1/clients/${web.json.client.id}`)).status).toBe(404)
    expect((await call(sim, "GET", `/v1/products/${p.id}/clients`, { token: sim.seed.otherUser.accessToken })).status)
      .toBe(403)
    expect((await call(sim, "GET", "/v1/products/999999/clients")).status).toBe(404)
    expect((await call(sim, "DELETE", `/v1/products/${p.id}/clients/${web.json.client.id}`)).status).toBe(204)
  })

  it("bad input gets 400, never a 500", async () => {
    const cases: Array<unknown> = [
      {},
      { name: "", type: "installed" },
      { name: 5, type: "installed" },
      { name: "x".repeat(101), type: "installed" },
      { name: "x", type: "desktop" },
      { name: "x", type: "web" },
      { name: "x", type: "web", redirect_uri: "not a url" },
      { name: "x", type: "web", redirect_uri: "javascript:alert(1)" },
      { name: "x", type: "installed", scope: ["a"] },
      { name: "x", type: "installed", scope: "s".repeat(1001) }
    ]
    for (const json of cases) {
      const r = await call(sim, "POST", "/v1/clients", { json })
      expect(r.status, JSON.stringify(json)).toBe(400)
      expect(r.json.ok).toBe(false)
    }
    const c = (await call(sim, "POST", "/v1/clients", { json: { name: "x", type: "installed" } })).json.client
    for (const json of [{ name: "" }, { name: {} }, { scope: 5 }]) {
      expect((await call(sim, "PUT", `/v1/clients/${c.id}`, { json })).status).toBe(400)
    }
    expect((await call(sim, "GET", "/v1/clients")).json.clients).toHaveLength(1)
  })
})

describe("POST /v1/products/:product/customers", () => {
  const p = () => sim.seed.product
  const form = (o: Record<string, string>) => ({
    grant_type: "client_credentials",
    client_id: sim.seed.oauthClient.id,
    client_secret: sim.seed.oauthClient.secret,
    ...o
  })

  it("with the product's client credentials (form, as particle-api-js sends them): 201 and a usable token", async () => {
    const r = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      token: null,
      form: form({ email: "jane@example.com", password: "pw" })
    })
    expect(r.status).toBe(201)
    expect(r.headers.get("cache-control")).toBe("no-store")
    expect(Object.keys(r.json).sort()).toEqual(["access_token", "expires_in", "refresh_token", "token_type"])
    expect((await call(sim, "GET", "/v1/user", { token: r.json.access_token })).json.username).toBe("jane@example.com")
    const list = await call(sim, "GET", `/v1/products/${p().id}/customers`)
    expect(list.json.customers.map((c: { username: string }) => c.username)).toContain("jane@example.com")
    // its refresh token belongs to the product's client
    const refreshed = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { ...form({}), grant_type: "refresh_token", refresh_token: r.json.refresh_token }
    })
    expect(refreshed.status).toBe(200)
  })

  it("no_password customers get a token; then a customer-scoped token too", async () => {
    const r = await call(sim, "POST", `/v1/products/${p().slug}/customers`, {
      token: null,
      form: form({ email: "nopw@example.com", no_password: "true" })
    })
    expect(r.status).toBe(201)
    const scoped = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: form({ scope: "customer=nopw@example.com" })
    })
    expect(scoped.json.scope).toBe("customer=nopw@example.com")
    // no password to log in with
    const pw = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: { ...form({}), grant_type: "password", username: "nopw@example.com", password: "" }
    })
    expect(pw.status).toBe(400)
  })

  it("with a team member's bearer token", async () => {
    const r = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      json: { email: "bob@example.com", password: "pw" }
    })
    expect(r.status).toBe(201)
    const denied = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      token: sim.seed.otherUser.accessToken,
      json: { email: "eve@example.com", password: "pw" }
    })
    expect(denied.status).toBe(403)
  })

  it("errors: unknown product, wrong or foreign client, no credentials, missing fields, duplicate", async () => {
    expect(
      (await call(sim, "POST", "/v1/products/999999/customers", {
        token: null,
        form: form({ email: "a@b.c", password: "x" })
      })).status
    )
      .toBe(404)
    const wrong = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      token: null,
      form: form({ email: "a@b.c", password: "x", client_secret: "nope" })
    })
    expect([wrong.status, wrong.json]).toEqual([400, {
      error: "invalid_client",
      error_description: "Client credentials are invalid"
    }])
    const mine = (await call(sim, "POST", "/v1/clients", { json: { name: "mine", type: "installed" } })).json.client
    const foreign = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      token: null,
      form: form({ email: "a@b.c", password: "x", client_id: mine.id, client_secret: mine.secret })
    })
    expect(foreign.json.error).toBe("invalid_client")
    const anonymous = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      token: null,
      form: { email: "a@b.c", password: "x" }
    })
    expect([anonymous.status, anonymous.json.error]).toEqual([400, "invalid_request"])
    expect(
      (await call(sim, "POST", `/v1/products/${p().id}/customers`, { token: null, form: form({ password: "x" }) })).json
    )
      .toEqual({ ok: false, error: "email is required" })
    expect(
      (await call(sim, "POST", `/v1/products/${p().id}/customers`, { token: null, form: form({ email: "a@b.c" }) }))
        .json
    )
      .toEqual({ ok: false, error: "password is required (or no_password=true)" })
    const dup = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      token: null,
      form: form({ email: sim.seed.customer.email, password: "x" })
    })
    expect([dup.status, dup.json]).toEqual([400, { ok: false, error: "Customer already exists" }])
    const junk = await call(sim, "POST", `/v1/products/${p().id}/customers`, {
      json: { email: { a: 1 }, password: ["x"] }
    })
    expect(junk.status).toBe(400)
  })
})
