/**
 * The token grants against the simulator: the exact request (POST /oauth/token, form fields as
 * particle-api-js sends them, no Bearer token although the client has one), the decoded token with its
 * secrets `Redacted`, the documented errors, and `InvalidInput` with no request sent.
 */
import {
  createCustomer,
  createCustomerToken,
  getUserInfo,
  login,
  loginAsClientOwner,
  refreshToken,
  sendOtp
} from "@effect-particle/auth"
import { ParticleClient } from "@effect-particle/core"
import { expectInvalid, expectTag, fresh, only, TestLayer } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { afterEach, vi } from "vitest"

const DEMO = { username: "demo@particle.sim", password: "demo-password" }
const HEX40 = /^[0-9a-f]{40}$/

afterEach(() => {
  vi.useRealTimers()
})

layer(TestLayer)("grants", (it) => {
  // ---------------------------------------------------------------------------------------------- login
  it.effect("login: POST /oauth/token with the password grant's form, no Bearer; tokens Redacted", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = yield* login({ username: DEMO.username, password: DEMO.password })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/oauth/token")
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(request.contentType, "application/x-www-form-urlencoded")
      assert.deepStrictEqual(request.form, {
        username: DEMO.username,
        password: DEMO.password,
        grant_type: "password",
        client_id: "particle",
        client_secret: "particle",
        expires_in: "7776000"
      })
      // the client has the demo token, but the token endpoint never gets it
      assert.isUndefined(request.headers.authorization)
      assert.strictEqual(token.token_type, "bearer")
      assert.strictEqual(token.expires_in, 7776000)
      assert.isTrue(Redacted.isRedacted(token.access_token))
      assert.isTrue(Redacted.isRedacted(token.refresh_token!))
      assert.match(Redacted.value(token.access_token), HEX40)
      assert.match(Redacted.value(token.refresh_token!), HEX40)
      assert.notInclude(JSON.stringify(token), Redacted.value(token.access_token))
      // the token works
      const me = yield* getUserInfo().pipe(ParticleClient.withAccessToken(token.access_token))
      assert.strictEqual(me.username, DEMO.username)
    }))

  it.effect("login: tokenDuration, clientId/clientSecret and a Redacted password; 0 never expires", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = yield* login({
        username: DEMO.username,
        password: Redacted.make(DEMO.password),
        tokenDuration: 0,
        clientId: "particle-cli",
        clientSecret: Redacted.make("particle-cli")
      })
      assert.deepStrictEqual(only(sim).form, {
        username: DEMO.username,
        password: DEMO.password,
        grant_type: "password",
        client_id: "particle-cli",
        client_secret: "particle-cli",
        expires_in: "0"
      })
      assert.isUndefined(token.expires_in)
      assert.isUndefined(token.refresh_token)
    }))

  it.effect("login: wrong password → BadRequest invalid_grant; unknown registered-client secret → invalid_client", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const wrong = expectTag(yield* Effect.flip(login({ username: DEMO.username, password: "nope" })), "BadRequest")
      assert.strictEqual(wrong.status, 400)
      assert.strictEqual(wrong.error, "invalid_grant")
      assert.strictEqual(wrong.errorDescription, "User credentials are invalid")
      const client = expectTag(
        yield* Effect.flip(login({ ...DEMO, clientId: sim.seed.oauthClient.id, clientSecret: "wrong" })),
        "BadRequest"
      )
      assert.strictEqual(client.error, "invalid_client")
    }))

  it.effect("login: bad input is InvalidInput with no request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(login({ username: "", password: "x" }), "username")
      yield* expectInvalid(login({ username: "   ", password: "x" }), "username")
      yield* expectInvalid(login({ username: DEMO.username, password: "" }), "password")
      yield* expectInvalid(login({ username: DEMO.username, password: Redacted.make("  ") }), "password")
      yield* expectInvalid(login({ ...DEMO, clientId: "ab" }), "clientId")
      yield* expectInvalid(login({ ...DEMO, clientId: "has space" }), "clientId")
      yield* expectInvalid(login({ ...DEMO, clientSecret: "" }), "clientSecret")
      yield* expectInvalid(login({ ...DEMO, tokenDuration: -1 }), "tokenDuration")
      yield* expectInvalid(login({ ...DEMO, tokenDuration: 1.5 }), "tokenDuration")
      yield* expectInvalid(login({ username: 5 as unknown as string, password: "x" }), "username")
    }))

  // ------------------------------------------------------------------------------------------ MFA login
  it.effect("MFA: login fails with Forbidden carrying mfaToken; sendOtp finishes it with the login's client", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { otp, password, username } = sim.seed.mfaUser
      const forbidden = expectTag(
        yield* Effect.flip(login({ username, password, clientId: "particle-cli", clientSecret: "particle-cli" })),
        "Forbidden"
      )
      assert.strictEqual(forbidden.status, 403)
      assert.strictEqual(forbidden.error, "mfa_required")
      assert.strictEqual(forbidden.errorDescription, "Multi-factor authentication required")
      assert.match(forbidden.mfaToken!, HEX40)
      sim.clearRequests()
      const token = yield* sendOtp({
        mfaToken: forbidden.mfaToken!,
        otp,
        clientId: "particle-cli",
        clientSecret: "particle-cli"
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/oauth/token")
      assert.deepStrictEqual(request.form, {
        mfa_token: forbidden.mfaToken!,
        otp,
        grant_type: "urn:custom:mfa-otp",
        client_id: "particle-cli",
        client_secret: "particle-cli"
      })
      assert.isUndefined(request.headers.authorization)
      assert.match(Redacted.value(token.access_token), HEX40)
      const me = yield* getUserInfo().pipe(ParticleClient.withAccessToken(token.access_token))
      assert.strictEqual(me.username, username)
      assert.isTrue(me.mfa?.enabled)
    }))

  it.effect("sendOtp: a wrong OTP is BadRequest and the MFA token still works; an expired MFA token is BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { otp, password, username } = sim.seed.mfaUser
      const { mfaToken } = expectTag(yield* Effect.flip(login({ username, password })), "Forbidden")
      const wrong = expectTag(yield* Effect.flip(sendOtp({ mfaToken: mfaToken!, otp: "000000" })), "BadRequest")
      assert.strictEqual(wrong.error, "invalid_grant")
      assert.strictEqual(wrong.errorDescription, "Invalid one-time password")
      assert.isDefined(yield* sendOtp({ mfaToken: Redacted.make(mfaToken!), otp: Redacted.make(otp) }))
      // an MFA token is valid for 5 minutes (the simulator reads Date; only Date is faked)
      const late = expectTag(yield* Effect.flip(login({ username, password })), "Forbidden")
      vi.useFakeTimers({ toFake: ["Date"] })
      vi.setSystemTime(Date.now() + 6 * 60_000)
      const expired = expectTag(yield* Effect.flip(sendOtp({ mfaToken: late.mfaToken!, otp })), "BadRequest")
      assert.strictEqual(expired.errorDescription, "Invalid or expired mfa token")
    }))

  it.effect("sendOtp: bad input is InvalidInput with no request", () =>
    Effect.gen(function*() {
      yield* expectInvalid(sendOtp({ mfaToken: "", otp: "123456" }), "mfaToken")
      yield* expectInvalid(sendOtp({ mfaToken: "abc", otp: "" }), "otp")
      yield* expectInvalid(sendOtp({ mfaToken: "abc", otp: "123456", clientId: "!" }), "clientId")
    }))

  // --------------------------------------------------------------------------------- loginAsClientOwner
  it.effect("loginAsClientOwner: the client_credentials form; a product token; wrong secret BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { id, secret } = sim.seed.oauthClient
      const token = yield* loginAsClientOwner({ clientId: id, clientSecret: secret })
      const request = only(sim)
      assert.strictEqual(request.path, "/oauth/token")
      assert.deepStrictEqual(request.form, { grant_type: "client_credentials", client_id: id, client_secret: secret })
      assert.isUndefined(request.headers.authorization)
      assert.strictEqual(token.expires_in, 7776000)
      assert.isTrue(Redacted.isRedacted(token.access_token))
      const wrong = expectTag(
        yield* Effect.flip(loginAsClientOwner({ clientId: id, clientSecret: "wrong", tokenDuration: 60 })),
        "BadRequest"
      )
      assert.strictEqual(wrong.error, "invalid_client")
      assert.strictEqual(wrong.errorDescription, "Client credentials are invalid")
      yield* expectInvalid(loginAsClientOwner({ clientId: id, clientSecret: "" }), "clientSecret")
      yield* expectInvalid(loginAsClientOwner({ clientId: "", clientSecret: "x" }), "clientId")
      yield* expectInvalid(loginAsClientOwner({ clientSecret: "x" } as never), "clientId")
    }))

  // -------------------------------------------------------------------------------------- refreshToken
  it.effect("refreshToken: the refresh grant rotates tokens; the old refresh token is used up", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const first = yield* login({ ...DEMO, tokenDuration: 3600 })
      sim.clearRequests()
      const second = yield* refreshToken({ refreshToken: first.refresh_token! })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, "/oauth/token")
      assert.deepStrictEqual(request.form, {
        refresh_token: Redacted.value(first.refresh_token!),
        grant_type: "refresh_token",
        client_id: "particle",
        client_secret: "particle"
      })
      assert.isUndefined(request.headers.authorization)
      assert.notStrictEqual(Redacted.value(second.access_token), Redacted.value(first.access_token))
      assert.notStrictEqual(Redacted.value(second.refresh_token!), Redacted.value(first.refresh_token!))
      const reused = expectTag(yield* Effect.flip(refreshToken({ refreshToken: first.refresh_token! })), "BadRequest")
      assert.strictEqual(reused.error, "invalid_grant")
      assert.strictEqual(reused.errorDescription, "Invalid refresh token")
      // a refresh token belongs to the client it was issued to
      const other = expectTag(
        yield* Effect.flip(
          refreshToken({ refreshToken: second.refresh_token!, clientId: "particle-cli", clientSecret: "particle-cli" })
        ),
        "BadRequest"
      )
      assert.strictEqual(other.errorDescription, "Invalid refresh token")
      yield* expectInvalid(refreshToken({ refreshToken: "" }), "refreshToken")
    }))

  // ------------------------------------------------------------------------------- createCustomerToken
  it.effect("createCustomerToken: client_credentials with scope=customer=<email>; unknown customer BadRequest", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { id, secret } = sim.seed.oauthClient
      const email = sim.seed.customer.email
      const token = yield* createCustomerToken({ customer: email, clientId: id, clientSecret: secret })
      assert.deepStrictEqual(only(sim).form, {
        scope: `customer=${email}`,
        grant_type: "client_credentials",
        client_id: id,
        client_secret: secret
      })
      assert.strictEqual(token.scope, `customer=${email}`)
      const me = yield* getUserInfo().pipe(ParticleClient.withAccessToken(token.access_token))
      assert.strictEqual(me.username, email)
      const unknown = expectTag(
        yield* Effect.flip(createCustomerToken({ customer: "x@y.z", clientId: id, clientSecret: secret })),
        "BadRequest"
      )
      assert.strictEqual(unknown.error, "invalid_scope")
      yield* expectInvalid(createCustomerToken({ customer: "", clientId: id, clientSecret: secret }), "customer")
    }))

  // ------------------------------------------------------------------------------------ createCustomer
  it.effect("createCustomer: the form particle-api-js sends, 201 with a token; no Bearer", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { id, secret } = sim.seed.oauthClient
      const product = sim.seed.product.id
      const token = yield* createCustomer({
        product,
        email: "jane@example.com",
        password: "pw",
        clientId: id,
        clientSecret: secret
      })
      const request = only(sim)
      assert.strictEqual(request.method, "POST")
      assert.strictEqual(request.path, `/v1/products/${product}/customers`)
      assert.deepStrictEqual(request.form, {
        email: "jane@example.com",
        password: "pw",
        grant_type: "client_credentials",
        client_id: id,
        client_secret: secret
      })
      assert.isUndefined(request.headers.authorization)
      assert.strictEqual(token.token_type, "bearer")
      assert.isTrue(Redacted.isRedacted(token.refresh_token!))
      const me = yield* getUserInfo().pipe(ParticleClient.withAccessToken(token.access_token))
      assert.strictEqual(me.username, "jane@example.com")
    }))

  it.effect("createCustomer: noPassword sends no_password=true; errors BadRequest and NotFound; bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const { id, secret } = sim.seed.oauthClient
      const slug = sim.seed.product.slug
      yield* createCustomer({
        product: slug,
        email: "nopw@example.com",
        noPassword: true,
        clientId: id,
        clientSecret: secret
      })
      assert.deepStrictEqual(only(sim).form, {
        email: "nopw@example.com",
        no_password: "true",
        grant_type: "client_credentials",
        client_id: id,
        client_secret: secret
      })
      const dup = expectTag(
        yield* Effect.flip(
          createCustomer({
            product: slug,
            email: sim.seed.customer.email,
            password: "x",
            clientId: id,
            clientSecret: secret
          })
        ),
        "BadRequest"
      )
      assert.strictEqual(dup.error, "Customer already exists")
      const wrong = expectTag(
        yield* Effect.flip(
          createCustomer({ product: slug, email: "a@b.c", password: "x", clientId: id, clientSecret: "no" })
        ),
        "BadRequest"
      )
      assert.strictEqual(wrong.error, "invalid_client")
      expectTag(
        yield* Effect.flip(
          createCustomer({ product: 999999, email: "a@b.c", password: "x", clientId: id, clientSecret: secret })
        ),
        "NotFound"
      )
      yield* expectInvalid(
        createCustomer({ product: slug, email: "a@b.c", clientId: id, clientSecret: secret }),
        "password"
      )
      yield* expectInvalid(
        createCustomer({ product: slug, email: "", password: "x", clientId: id, clientSecret: secret }),
        "email"
      )
      yield* expectInvalid(
        createCustomer({ product: "bad slug", email: "a@b.c", password: "x", clientId: id, clientSecret: secret }),
        "product"
      )
      yield* expectInvalid(
        createCustomer({ product: slug, email: "a@b.c", password: "x", clientId: id, clientSecret: "" }),
        "clientSecret"
      )
    }))
})
