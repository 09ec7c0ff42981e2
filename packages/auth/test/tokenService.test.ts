/**
 * The token service against the simulator, on Effect's `TestClock`: the token is obtained on first use and
 * shared, renewed before `expires_in` runs out with one request however many fibers call (1,000 at once),
 * a 401 `invalid_token` is retried once with a fresh token, token failures are typed errors of the call,
 * a refresh-token source keeps the rotated refresh token, and token-less operations pass through.
 */
import { getCurrentAccessToken, getUserInfo, login, TokenService } from "@effect-particle/auth"
import { ParticleClient } from "@effect-particle/core"
import { Simulator } from "@effect-particle/simulator"
import * as Testing from "@effect-particle/testing"
import { expectTag, faultOnce, fresh } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"

/** A client against the simulator with no token of its own: the service's tokens are the only ones. */
const Base = Testing.layer({ client: { accessToken: undefined } })

const tokenRequests = (sim: Testing.Sim) => sim.requests().filter((r) => r.path === "/oauth/token")
const apiRequests = (sim: Testing.Sim) => sim.requests().filter((r) => r.path !== "/oauth/token")

/** The product client's credentials source, asking for one-hour tokens. */
const productClient = (sim: Testing.Sim, tokenDuration = 3600) =>
  TokenService.clientCredentials({
    clientId: sim.seed.oauthClient.id,
    clientSecret: Redacted.make(sim.seed.oauthClient.secret),
    tokenDuration
  })

/** Runs `effect` with a fresh token service on the base client. */
const withService = <A, E>(
  source: TokenService.Source,
  effect: Effect.Effect<A, E, ParticleClient.ParticleClient | TokenService.TokenService>,
  options?: TokenService.Options
) => Effect.provide(effect, TokenService.layer(source, options))

layer(Base)("TokenService", (it) => {
  it.effect("no request until first use; then one token request shared by every later call", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          assert.deepStrictEqual(sim.requests(), [])
          const user = yield* getUserInfo()
          assert.strictEqual(user.username, sim.seed.user.username)
          yield* Effect.all(Array.from({ length: 20 }, () => getCurrentAccessToken()), { concurrency: "unbounded" })
          const grants = tokenRequests(sim)
          assert.strictEqual(grants.length, 1)
          assert.deepStrictEqual(grants[0]!.form, {
            expires_in: "3600",
            grant_type: "client_credentials",
            client_id: sim.seed.oauthClient.id,
            client_secret: sim.seed.oauthClient.secret
          })
          const calls = apiRequests(sim)
          assert.strictEqual(calls.length, 21)
          const bearer = calls[0]!.headers.authorization
          assert.match(bearer!, /^Bearer [0-9a-f]{40}$/)
          assert.isTrue(calls.every((r) => r.headers.authorization === bearer))
          assert.strictEqual(yield* Effect.flatMap(TokenService.TokenService, (s) => s.requests), 1)
        })
      )
    }))

  it.effect("renewed before expires_in runs out (5 minutes before by default), not earlier", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          yield* getUserInfo()
          const first = apiRequests(sim)[0]!.headers.authorization
          // one hour tokens are renewed at 55 minutes
          yield* TestClock.adjust("54 minutes")
          yield* getUserInfo()
          assert.strictEqual(tokenRequests(sim).length, 1)
          yield* TestClock.adjust("2 minutes")
          yield* getUserInfo()
          assert.strictEqual(tokenRequests(sim).length, 2)
          const calls = apiRequests(sim)
          assert.notStrictEqual(calls[2]!.headers.authorization, first)
          // the renewed token is used from then on
          yield* getUserInfo()
          assert.strictEqual(apiRequests(sim)[3]!.headers.authorization, calls[2]!.headers.authorization)
          assert.strictEqual(tokenRequests(sim).length, 2)
        })
      )
    }))

  // a thousand real requests: a generous timeout for a busy machine (nothing here measures time)
  it.effect("single flight: 1,000 concurrent calls at expiry cause one token request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          yield* getCurrentAccessToken()
          yield* TestClock.adjust("56 minutes")
          sim.clearRequests()
          const answers = yield* Effect.all(Array.from({ length: 1000 }, () => getCurrentAccessToken()), {
            concurrency: "unbounded"
          })
          assert.strictEqual(answers.length, 1000)
          assert.strictEqual(tokenRequests(sim).length, 1)
          const calls = apiRequests(sim)
          assert.strictEqual(calls.length, 1000)
          assert.strictEqual(new Set(calls.map((r) => r.headers.authorization)).size, 1)
        })
      )
    }), { timeout: 120_000 })

  it.effect("refreshBefore: a short-lived token is renewed at most halfway through its life", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim, 60),
        Effect.gen(function*() {
          yield* getUserInfo()
          yield* TestClock.adjust("29 seconds")
          yield* getUserInfo()
          assert.strictEqual(tokenRequests(sim).length, 1)
          yield* TestClock.adjust("2 seconds")
          yield* getUserInfo()
          assert.strictEqual(tokenRequests(sim).length, 2)
        })
      )
      sim.clearRequests()
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          yield* getUserInfo()
          yield* TestClock.adjust("49 minutes")
          yield* getUserInfo()
          assert.strictEqual(tokenRequests(sim).length, 1)
          yield* TestClock.adjust("2 minutes")
          yield* getUserInfo()
          assert.strictEqual(tokenRequests(sim).length, 2)
        }),
        { refreshBefore: "10 minutes" }
      )
    }))

  it.effect("a 401 for an expired token: one fresh token, the call retried once, and it succeeds", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          yield* getUserInfo()
          faultOnce(sim, "/v1/user", 401, {
            error: "invalid_token",
            error_description: "The access token provided has expired."
          })
          const user = yield* getUserInfo()
          assert.strictEqual(user.username, sim.seed.user.username)
          assert.strictEqual(tokenRequests(sim).length, 2)
          const calls = apiRequests(sim)
          assert.strictEqual(calls.length, 3)
          assert.strictEqual(calls[1]!.headers.authorization, calls[0]!.headers.authorization)
          assert.notStrictEqual(calls[2]!.headers.authorization, calls[1]!.headers.authorization)
        })
      )
    }))

  it.effect("a revoked token (401 invalid_token from the cloud itself) is replaced too", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          const service = yield* TokenService.TokenService
          const token = yield* service.accessToken
          sim.revokeToken(Redacted.value(token))
          assert.strictEqual((yield* getUserInfo()).username, sim.seed.user.username)
          assert.strictEqual(tokenRequests(sim).length, 2)
          assert.notStrictEqual(Redacted.value(yield* service.accessToken), Redacted.value(token))
        })
      )
    }))

  it.effect("only one retry: a second 401 is the call's Unauthorized; other errors are not retried", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          const expired = { error: "invalid_token", error_description: "The access token provided has expired." }
          sim.setFault({ kind: "status", route: "/v1/user", status: 401, body: expired, times: 2 })
          const error = expectTag(yield* Effect.flip(getUserInfo()), "Unauthorized")
          assert.strictEqual(error.errorDescription, "The access token provided has expired.")
          assert.strictEqual(apiRequests(sim).length, 2)
          assert.strictEqual(tokenRequests(sim).length, 2)
          sim.clearRequests()
          faultOnce(sim, "/v1/user", 403, { error: "Permission Denied" })
          expectTag(yield* Effect.flip(getUserInfo()), "Forbidden")
          assert.strictEqual(apiRequests(sim).length, 1)
          assert.strictEqual(tokenRequests(sim).length, 0)
        })
      )
    }))

  it.effect("a 401 for many fibers at once still causes one token request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          const service = yield* TokenService.TokenService
          const stale = yield* service.accessToken
          sim.revokeToken(Redacted.value(stale))
          const results = yield* Effect.all(Array.from({ length: 100 }, () => Effect.either(getUserInfo())), {
            concurrency: "unbounded"
          })
          assert.isTrue(results.every((r) => r._tag === "Right"))
          assert.strictEqual(tokenRequests(sim).length, 2)
          const calls = apiRequests(sim)
          const refused = calls.filter((r) => r.headers.authorization === `Bearer ${Redacted.value(stale)}`)
          assert.strictEqual(calls.length - refused.length, 100)
        })
      )
    }))

  it.effect("refused credentials: the call fails with Unauthorized carrying the cause; the next call tries again", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const source = TokenService.clientCredentials({ clientId: sim.seed.oauthClient.id, clientSecret: "wrong" })
      yield* withService(
        source,
        Effect.gen(function*() {
          const error = expectTag(yield* Effect.flip(getUserInfo()), "Unauthorized")
          assert.strictEqual(error.status, 400)
          assert.strictEqual(error.error, "invalid_client")
          assert.strictEqual(error.errorDescription, "Client credentials are invalid")
          assert.include(error.message, "Could not obtain an access token")
          assert.include(error.message, "Client credentials are invalid")
          assert.include(error.url, "/oauth/token")
          assert.deepStrictEqual(apiRequests(sim), [])
          expectTag(yield* Effect.flip(getUserInfo()), "Unauthorized")
          assert.strictEqual(tokenRequests(sim).length, 2)
        })
      )
    }))

  it.effect("a 5xx of the token request is the call's ServerError (retryable), not an Unauthorized", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      yield* withService(
        productClient(sim),
        Effect.gen(function*() {
          faultOnce(sim, "/oauth/token", 503, { error: "server_error", error_description: "down" })
          expectTag(yield* Effect.flip(getUserInfo()), "ServerError")
          assert.strictEqual((yield* getUserInfo()).username, sim.seed.user.username)
        })
      )
    }))

  it.effect("a refresh-token source uses each rotated refresh token once", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const first = yield* login({ username: "demo@particle.sim", password: "demo-password", tokenDuration: 3600 })
      sim.clearRequests()
      yield* withService(
        TokenService.refreshToken({ refreshToken: first.refresh_token!, tokenDuration: 3600 }),
        Effect.gen(function*() {
          yield* getUserInfo()
          yield* TestClock.adjust("56 minutes")
          yield* getUserInfo()
          yield* TestClock.adjust("56 minutes")
          yield* getUserInfo()
          const grants = tokenRequests(sim)
          assert.strictEqual(grants.length, 3)
          const used = grants.map((g) => g.form!["refresh_token"])
          assert.strictEqual(used[0], Redacted.value(first.refresh_token!))
          assert.strictEqual(new Set(used).size, 3)
          assert.isTrue(grants.every((g) => g.form!["grant_type"] === "refresh_token"))
        })
      )
    }))

  it.effect("a customer source gets customer-scoped tokens", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const source = TokenService.clientCredentials({
        clientId: sim.seed.oauthClient.id,
        clientSecret: sim.seed.oauthClient.secret,
        customer: sim.seed.customer.email
      })
      const user = yield* withService(source, getUserInfo())
      assert.strictEqual(user.username, sim.seed.customer.email)
      assert.strictEqual(tokenRequests(sim)[0]!.form!["scope"], `customer=${sim.seed.customer.email}`)
    }))

  it.effect("operations that send no token pass through untouched (no token request)", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const token = yield* withService(
        productClient(sim),
        login({ username: "demo@particle.sim", password: "demo-password" })
      )
      assert.isTrue(Redacted.isRedacted(token.access_token))
      const requests = sim.requests()
      assert.strictEqual(requests.length, 1)
      assert.deepStrictEqual(requests[0]!.form!["grant_type"], "password")
      assert.isUndefined(requests[0]!.headers.authorization)
    }))

  it.effect("malformed credentials fail the layer with InvalidInput, before any request", () =>
    Effect.gen(function*() {
      const sim = yield* fresh
      const bad = yield* Effect.flip(
        withService(TokenService.clientCredentials({ clientId: "x", clientSecret: "s" }), getUserInfo())
      )
      assert.strictEqual(bad._tag, "InvalidInput")
      const empty = yield* Effect.flip(withService(TokenService.refreshToken({ refreshToken: " " }), getUserInfo()))
      assert.strictEqual(empty._tag, "InvalidInput")
      assert.deepStrictEqual(sim.requests(), [])
    }))

  it.effect("the layer builds on any ParticleClient layer", () =>
    Effect.gen(function*() {
      const sim = yield* Simulator.Simulator
      sim.reset()
      const live = TokenService.layer(productClient(sim)).pipe(
        Layer.provide(Testing.clientLayer("fetch", { baseUrl: sim.url, retry: false }))
      )
      const user = yield* getUserInfo().pipe(Effect.provide(live))
      assert.strictEqual(user.username, sim.seed.user.username)
    }))
})
