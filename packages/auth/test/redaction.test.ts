/**
 * Every secret option of every operation (passwords, client secrets, OTPs, MFA, refresh, access and
 * verification tokens) and every secret of every answer (access and refresh tokens, listed tokens, MFA
 * secrets, recovery codes, client secrets): never in a URL (but `deleteAccessToken`'s, whose path names the
 * token), an error's message, `toString()`, JSON or inspection, a span or a log line; the secret did go out,
 * in the body or a header.
 */
import {
  changeUsername,
  changeUserPassword,
  confirmMfa,
  createCustomer,
  createCustomerToken,
  createOAuthClient,
  createUser,
  deleteAccessToken,
  deleteUser,
  disableMfa,
  enableMfa,
  getUserInfo,
  listAccessTokens,
  login,
  loginAsClientOwner,
  refreshToken,
  sendOtp,
  TokenService,
  verifyUser
} from "@effect-particle/auth"
import type { ParticleClient } from "@effect-particle/core"
import { fresh, TestLayer } from "@effect-particle/testing"
import type { Sim } from "@effect-particle/testing"
import { assert, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Tracer from "effect/Tracer"

// A tracer that keeps every span, to look for secrets in names and attributes.
const spans: Array<{ name: string; attributes: Map<string, unknown> }> = []
const RecordingTracer = Layer.setTracer(Tracer.make({
  span(name, parent, context, links, startTime, kind) {
    const attributes = new Map<string, unknown>()
    const span: Tracer.Span = {
      _tag: "Span",
      name,
      spanId: `span${spans.length}`,
      traceId: "trace",
      parent,
      context,
      status: { _tag: "Started", startTime },
      attributes,
      links,
      sampled: true,
      kind,
      end(endTime, exit) {
        ;(span as { status: Tracer.SpanStatus }).status = { _tag: "Ended", startTime, endTime, exit }
      },
      attribute(key, value) {
        attributes.set(key, value)
      },
      event() {},
      addLinks() {}
    }
    spans.push({ name, attributes })
    return span
  },
  context: (f) => f()
}))

const logLines: Array<string> = []
const RecordingLogger = Logger.replace(
  Logger.defaultLogger,
  Logger.make(({ cause, message }) => {
    logLines.push(Inspectable.format(message) + " " + Inspectable.format(cause))
  })
)

/** What a value looks like everywhere it may end up. */
const renderings = (value: unknown): ReadonlyArray<string> => {
  const out = [String(value), Inspectable.format(value), JSON.stringify(value) ?? ""]
  if (value instanceof Error) out.push(value.message, value.toString(), value.stack ?? "")
  if (typeof value === "object" && value !== null && "toJSON" in value && typeof value.toJSON === "function") {
    out.push(JSON.stringify(value.toJSON()))
  }
  return out
}

interface Case {
  readonly name: string
  /** the call; `secrets` are the values given as options */
  readonly run: (
    sim: Sim
  ) => {
    readonly effect: Effect.Effect<unknown, unknown, ParticleClient.ParticleClient>
    readonly secrets: ReadonlyArray<string>
  }
  /** the path carries the secret by the API's design (DELETE /v1/access_tokens/:token) */
  readonly secretInPath?: boolean
}

const S = (label: string) => `s3cr3t-${label}-0123456789abcdef`

const CASES: ReadonlyArray<Case> = [
  {
    name: "login (password, clientSecret)",
    run: () => ({
      effect: login({
        username: "demo@particle.sim",
        password: S("pw"),
        clientId: "particle-x",
        clientSecret: S("cs")
      }),
      secrets: [S("pw"), S("cs")]
    })
  },
  {
    name: "login with a Redacted password (the cloud's answer decoded: access and refresh tokens)",
    run: () => ({
      effect: login({ username: "demo@particle.sim", password: Redacted.make("demo-password") }),
      secrets: ["demo-password"]
    })
  },
  {
    name: "sendOtp (mfaToken, otp, clientSecret)",
    run: () => ({
      effect: sendOtp({ mfaToken: S("mfa"), otp: "987654", clientSecret: S("cs") }),
      secrets: [S("mfa"), "987654", S("cs")]
    })
  },
  {
    name: "loginAsClientOwner (clientSecret)",
    run: (sim) => ({
      effect: loginAsClientOwner({ clientId: sim.seed.oauthClient.id, clientSecret: S("cs") }),
      secrets: [S("cs")]
    })
  },
  {
    name: "loginAsClientOwner (a token answer)",
    run: (sim) => ({
      effect: loginAsClientOwner({ clientId: sim.seed.oauthClient.id, clientSecret: sim.seed.oauthClient.secret }),
      secrets: [sim.seed.oauthClient.secret]
    })
  },
  {
    name: "refreshToken (refreshToken, clientSecret)",
    run: () => ({ effect: refreshToken({ refreshToken: S("rt"), clientSecret: S("cs") }), secrets: [S("rt"), S("cs")] })
  },
  {
    name: "createCustomerToken (clientSecret)",
    run: (sim) => ({
      effect: createCustomerToken({
        customer: "customer@particle.sim",
        clientId: sim.seed.oauthClient.id,
        clientSecret: S("cs")
      }),
      secrets: [S("cs")]
    })
  },
  {
    name: "createCustomer (password, clientSecret)",
    run: (sim) => ({
      effect: createCustomer({
        product: sim.seed.product.id,
        email: "jane@example.com",
        password: S("pw"),
        clientId: sim.seed.oauthClient.id,
        clientSecret: S("cs")
      }),
      secrets: [S("pw"), S("cs")]
    })
  },
  {
    name: "createCustomer (a token answer)",
    run: (sim) => ({
      effect: createCustomer({
        product: sim.seed.product.id,
        email: "jane@example.com",
        password: S("pw"),
        clientId: sim.seed.oauthClient.id,
        clientSecret: sim.seed.oauthClient.secret
      }),
      secrets: [S("pw"), sim.seed.oauthClient.secret]
    })
  },
  {
    name: "deleteAccessToken (token: only in the path, by the API's design)",
    secretInPath: true,
    run: () => ({ effect: deleteAccessToken({ token: S("tok") }), secrets: [S("tok")] })
  },
  {
    name: "listAccessTokens (password; the listed tokens)",
    run: () => ({
      effect: listAccessTokens({ username: "demo@particle.sim", password: "demo-password" }),
      secrets: ["demo-password"]
    })
  },
  {
    name: "listAccessTokens (a wrong password)",
    run: () => ({ effect: listAccessTokens({ username: "demo@particle.sim", password: S("pw") }), secrets: [S("pw")] })
  },
  {
    name: "changeUsername (currentPassword)",
    run: () => ({
      effect: changeUsername({ username: "x@particle.sim", currentPassword: S("pw") }),
      secrets: [S("pw")]
    })
  },
  {
    name: "changeUserPassword (password, currentPassword)",
    run: () => ({
      effect: changeUserPassword({ password: S("new"), currentPassword: S("pw") }),
      secrets: [S("new"), S("pw")]
    })
  },
  {
    name: "deleteUser (password)",
    run: () => ({ effect: deleteUser({ password: S("pw") }), secrets: [S("pw")] })
  },
  {
    name: "createUser (password)",
    run: () => ({ effect: createUser({ username: "demo@particle.sim", password: S("pw") }), secrets: [S("pw")] })
  },
  {
    name: "verifyUser (token)",
    run: () => ({ effect: verifyUser({ token: S("verify") }), secrets: [S("verify")] })
  },
  {
    name: "enableMfa (its mfa_token, qr_url, secret)",
    run: () => ({ effect: enableMfa(), secrets: [] })
  },
  {
    name: "confirmMfa (mfaToken, otp)",
    run: () => ({ effect: confirmMfa({ mfaToken: S("mfa"), otp: "987654" }), secrets: [S("mfa"), "987654"] })
  },
  {
    name: "confirmMfa (recovery codes)",
    run: () => ({
      effect: Effect.flatMap(enableMfa(), (e) => confirmMfa({ mfaToken: e.mfa_token, otp: "123456" })),
      secrets: ["123456"]
    })
  },
  {
    name: "disableMfa (currentPassword)",
    run: () => ({ effect: disableMfa({ currentPassword: S("pw") }), secrets: [S("pw")] })
  },
  {
    name: "createOAuthClient (the created secret)",
    run: () => ({ effect: createOAuthClient({ name: "x", type: "installed" }), secrets: [] })
  },
  {
    name: "InvalidInput of an option next to a secret",
    run: () => ({
      effect: login({ username: "", password: S("pw"), clientSecret: S("cs") }),
      secrets: [S("pw"), S("cs")]
    })
  },
  {
    name: "TokenService (clientSecret): an acquisition failure in a call's error channel",
    run: (sim) => ({
      effect: getUserInfo().pipe(
        Effect.provide(
          TokenService.layer(
            TokenService.clientCredentials({ clientId: sim.seed.oauthClient.id, clientSecret: S("cs") })
          )
        )
      ),
      secrets: [S("cs")]
    })
  },
  {
    name: "TokenService (refreshToken): an acquisition failure in a call's error channel",
    run: () => ({
      effect: getUserInfo().pipe(
        Effect.provide(TokenService.layer(TokenService.refreshToken({ refreshToken: S("rt") })))
      ),
      secrets: [S("rt")]
    })
  }
]

/** The fields of an answer that hold secrets, whatever they decoded to. */
const SECRET_FIELDS = new Set(["access_token", "refresh_token", "token", "secret", "mfa_token", "qr_url", "tokens"])

/** The secrets inside a decoded answer: every `Redacted`, and every value of a secret field, at any depth. */
const answerSecretsOf = (value: unknown, secretField = false, depth = 0): Array<string> => {
  if (Redacted.isRedacted(value)) return [String(Redacted.value(value))]
  if (typeof value === "string") return secretField ? [value] : []
  if (depth > 5 || typeof value !== "object" || value === null) return []
  if (Array.isArray(value)) return value.flatMap((v) => answerSecretsOf(v, secretField, depth + 1))
  return Object.entries(value).flatMap(([k, v]) => answerSecretsOf(v, SECRET_FIELDS.has(k), depth + 1))
}

layer(Layer.mergeAll(TestLayer, RecordingTracer, RecordingLogger))("secrets stay secret", (it) => {
  for (const c of CASES) {
    it.effect(c.name, () =>
      Effect.gen(function*() {
        const sim = yield* fresh
        spans.length = 0
        logLines.length = 0
        const { effect, secrets } = c.run(sim)
        const result = yield* Effect.either(effect)
        const value = Either.isRight(result) ? result.right : result.left
        yield* Effect.logError("outcome", value)
        yield* Effect.log(value)
        const answerSecrets = Either.isRight(result) ? answerSecretsOf(result.right) : []
        const all = [...secrets, ...answerSecrets].filter((s) => s.length > 0)
        assert.isAbove(all.length, 0, "the case must have a secret to look for")
        const texts = [
          ...renderings(value),
          ...logLines,
          ...spans.flatMap((span) => [span.name, ...[...span.attributes].map(([k, v]) => `${k}=${String(v)}`)])
        ]
        assert.isAbove(logLines.length, 1)
        for (const text of texts) for (const secret of all) assert.notInclude(text, secret, `in: ${text.slice(0, 200)}`)
        for (const request of sim.requests()) {
          const url = `${request.path}?${request.rawQuery}`
          for (const secret of secrets) {
            if (c.secretInPath) continue
            assert.notInclude(decodeURIComponent(url), secret, `in the URL ${request.method} ${request.path}`)
          }
        }
        // the option secrets did go out (in a body or a header), unless the input was refused first
        if (!(Either.isLeft(result) && (result.left as { _tag?: string })._tag === "InvalidInput")) {
          const wire = sim.requests().map((r) =>
            [
              Buffer.from(r.body).toString("utf8"),
              decodeURIComponent(Buffer.from(r.body).toString("utf8")),
              ...Object.values(r.headers)
            ]
              .concat(
                r.headers.authorization?.startsWith("Basic ")
                  ? [Buffer.from(r.headers.authorization.slice(6), "base64").toString("utf8")]
                  : []
              )
              .concat(c.secretInPath ? [r.path] : [])
              .join("\n")
          ).join("\n")
          for (const secret of secrets) assert.include(wire, secret, "the secret should have been sent")
        } else {
          assert.deepStrictEqual(sim.requests(), [])
        }
      }))
  }
})
