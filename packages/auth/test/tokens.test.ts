/**
 * Access tokens against the simulator: revoking one (token in the path, no Authorization, as
 * particle-api-js 12 sends it), the current one, all of them; the Basic-auth list; the current token's info.
 */
import {
  deleteAccessToken,
  deleteActiveAccessTokens,
  deleteCurrentAccessToken,
  getCurrentAccessToken,
  getUserInfo,
  listAccessTokens
} from "@effect-particle/auth"
import { ParticleClient } from "@effect-particle/core"
import { expectInvalid, expectTag, fresh, only, TestLayer, withBadToken } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Redacted from "effect/Redacted"

const DEMO = { username: "demo@particle.sim", password: "demo-password" }
const as = (token: string) => ParticleClient.withAccessToken(Redacted.make(token))

layer(TestLayer)("access tokens", (it) => {
  // ----------------------------------------------------------------------------------- deleteAccessToken
  it.effect("deleteAccessToken: DELETE /v1/access_tokens/:token with no Authorization; the token then answers 401", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = sim.createToken({ username: DEMO.username })
      const result = yield* deleteAccessToken({ token })
      assert.isUndefined(result)
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, `/v1/access_tokens/${token}`)
      assert.strictEqual(request.body.length, 0)
      assert.isUndefined(request.headers.authorization)
      const after = expectTag(yield* Effect.flip(getUserInfo().pipe(as(token))), "Unauthorized")
      assert.strictEqual(after.error, "invalid_token")
      assert.strictEqual(after.errorDescription, "The access token provided is invalid.")
      // the client's own token is untouched
      assert.strictEqual((yield* getUserInfo()).username, DEMO.username)
    }))

  it.effect("deleteAccessToken: an unknown token is NotFound, and the error never shows the token", () =>
    Effect.gen(function*() {
      yield* fresh
      const token = "c0ffee".repeat(6) + "c0ff"
      const error = expectTag(yield* Effect.flip(deleteAccessToken({ token: Redacted.make(token) })), "NotFound")
      assert.strictEqual(error.status, 404)
      assert.include(error.url, "/v1/access_tokens/<redacted>")
      for (const text of [error.message, error.url, String(error), JSON.stringify(error), Inspectable.format(error)]) {
        assert.notInclude(text, token)
      }
      assert.instanceOf(error, Error)
      yield* expectInvalid(deleteAccessToken({ token: "" }), "token")
      yield* expectInvalid(deleteAccessToken({ token: ".." }), "token")
    }))

  // ---------------------------------------------------------------------------- deleteCurrentAccessToken
  it.effect("deleteCurrentAccessToken: DELETE /v1/access_tokens/current logs the calling token out", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = sim.createToken({ username: DEMO.username })
      yield* deleteCurrentAccessToken().pipe(as(token))
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, "/v1/access_tokens/current")
      assert.strictEqual(request.headers.authorization, `Bearer ${token}`)
      expectTag(yield* Effect.flip(getUserInfo().pipe(as(token))), "Unauthorized")
      expectTag(yield* Effect.flip(withBadToken(deleteCurrentAccessToken())), "Unauthorized")
    }))

  // ---------------------------------------------------------------------------- deleteActiveAccessTokens
  it.effect("deleteActiveAccessTokens: DELETE /v1/access_tokens revokes every token of the account", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = sim.createToken({ username: DEMO.username })
      yield* deleteActiveAccessTokens().pipe(as(token))
      const request = only(sim)
      assert.strictEqual(request.method, "DELETE")
      assert.strictEqual(request.path, "/v1/access_tokens")
      expectTag(yield* Effect.flip(getUserInfo().pipe(as(token))), "Unauthorized")
      expectTag(yield* Effect.flip(getUserInfo()), "Unauthorized")
      assert.strictEqual(
        (yield* getUserInfo().pipe(as(sim.seed.otherUser.accessToken))).username,
        sim.seed.otherUser.username
      )
    }))

  // ------------------------------------------------------------------------------------ listAccessTokens
  it.effect("listAccessTokens: GET /v1/access_tokens with HTTP Basic only; every token Redacted", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const tokens = yield* listAccessTokens({ username: DEMO.username, password: DEMO.password })
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/access_tokens")
      assert.strictEqual(request.rawQuery, "")
      assert.strictEqual(
        request.headers.authorization,
        "Basic " + Buffer.from(`${DEMO.username}:${DEMO.password}`).toString("base64")
      )
      const seeded = tokens.find((t) => Redacted.value(t.token) === sim.accessToken)
      assert.isDefined(seeded)
      assert.isNull(seeded!.expires_at)
      assert.strictEqual(seeded!.client, "particle")
      assert.isTrue(tokens.every((t) => Redacted.isRedacted(t.token)))
      assert.notInclude(JSON.stringify(tokens), sim.accessToken)
    }))

  it.effect("listAccessTokens: UTF-8 credentials; wrong password and MFA accounts are Unauthorized; bad input", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      sim.createUser({ username: "zoë@particle.sim", password: "pässwörd" })
      const tokens = yield* listAccessTokens({ username: "zoë@particle.sim", password: Redacted.make("pässwörd") })
      assert.deepStrictEqual(tokens, [])
      const wrong = expectTag(
        yield* Effect.flip(listAccessTokens({ username: DEMO.username, password: "x" })),
        "Unauthorized"
      )
      assert.strictEqual(wrong.status, 401)
      assert.deepStrictEqual(wrong.errors, ["Bad password"])
      const { password, username } = sim.seed.mfaUser
      const mfa = expectTag(yield* Effect.flip(listAccessTokens({ username, password })), "Unauthorized")
      assert.deepStrictEqual(mfa.errors, ["Invalid or missing one-time password"])
      yield* expectInvalid(listAccessTokens({ username: "", password: "x" }), "username")
      yield* expectInvalid(listAccessTokens({ username: "a:b", password: "x" }), "username")
      yield* expectInvalid(listAccessTokens({ username: DEMO.username, password: "" }), "password")
    }))

  // ------------------------------------------------------------------------------- getCurrentAccessToken
  it.effect("getCurrentAccessToken: GET /v1/access_tokens/current, decoded", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = sim.createToken({ username: DEMO.username, expiresInSeconds: 3600 })
      const info = yield* getCurrentAccessToken().pipe(as(token))
      const request = only(sim)
      assert.strictEqual(request.method, "GET")
      assert.strictEqual(request.path, "/v1/access_tokens/current")
      assert.strictEqual(info.client, "particle")
      assert.deepStrictEqual(info.scopes, [])
      assert.isAbove(Date.parse(info.expires_at!), Date.now())
      assert.isNull((yield* getCurrentAccessToken()).expires_at)
      const expired = expectTag(
        yield* Effect.flip(
          getCurrentAccessToken().pipe(as(sim.createToken({ username: DEMO.username, expiresInSeconds: -1 })))
        ),
        "Unauthorized"
      )
      assert.strictEqual(expired.errorDescription, "The access token provided has expired.")
    }))
})
