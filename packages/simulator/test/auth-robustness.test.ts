/**
 * Bad input to every route of the auth family (and customer creation) gets a Particle-style 4xx JSON
 * error, never a 500 or a hang, and leaves the simulator working.
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

const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ["POST", "/oauth/token"],
  ["GET", "/v1/access_tokens"],
  ["GET", "/v1/access_tokens/current"],
  ["DELETE", "/v1/access_tokens/current"],
  ["DELETE", "/v1/access_tokens/%20"],
  ["DELETE", "/v1/access_tokens/" + "z".repeat(300)],
  ["GET", "/v1/user"],
  ["PUT", "/v1/user"],
  ["DELETE", "/v1/user"],
  ["POST", "/v1/users"],
  ["POST", "/v1/user/verify"],
  ["POST", "/v1/user/password-reset"],
  ["GET", "/v1/user/identify"],
  ["GET", "/v1/user/mfa-enable"],
  ["POST", "/v1/user/mfa-enable"],
  ["PUT", "/v1/user/mfa-disable"],
  ["GET", "/v1/clients"],
  ["POST", "/v1/clients"],
  ["PUT", "/v1/clients/nope"],
  ["DELETE", "/v1/clients/nope"],
  ["POST", "/v1/products/4242/clients"],
  ["PUT", "/v1/products/sim-fleet/clients/%2e%2e"],
  ["POST", "/v1/products/4242/customers"],
  ["POST", "/v1/products/nope/customers"]
]

/** JSON bodies of every wrong shape, with the field names the routes read. */
const JSON_BODIES: ReadonlyArray<string> = [
  "null",
  "[]",
  "[1,2]",
  "7",
  "\"text\"",
  "{}",
  JSON.stringify({
    grant_type: ["password"],
    username: { a: 1 },
    password: [1],
    mfa_token: {},
    otp: null,
    refresh_token: 5,
    account_info: [1],
    current_password: {},
    invalidate_tokens: "maybe",
    name: ["x"],
    type: {},
    scope: 7,
    redirect_uri: [],
    email: [],
    token: { t: 1 },
    no_password: {}
  }),
  JSON.stringify({
    username: "u".repeat(5000),
    password: "p".repeat(5000),
    email: "e".repeat(5000),
    name: "n".repeat(5000)
  }),
  "{\"__proto__\":{\"admin\":true},\"constructor\":{\"prototype\":{\"x\":1}},\"account_info\":{\"__proto__\":1}}"
]

const FORM_BODIES: ReadonlyArray<string> = [
  "grant_type=password&grant_type=refresh_token&username=a&username=b",
  "grant_type[]=password&client_id[]=particle&client_secret=particle",
  "grant_type=urn:custom:mfa-otp&mfa_token[0]=a&otp[1]=b&client_id=particle&client_secret=particle",
  "grant_type=client_credentials&client_id=sim-fleet-client-1001&client_secret=x&scope=customer=",
  "grant_type=refresh_token&refresh_token=&client_id=particle&client_secret=particle",
  "grant_type=password&username=demo%40particle.sim&password=demo-password&client_id=particle&client_secret=particle&expires_in=1e400",
  "grant_type=password&username=demo%40particle.sim&password=demo-password&client_id=particle&client_secret=particle&expires_at=9999999-01-01",
  "email=&password=&no_password=yes",
  "=&&=x&%20=%20"
]

const AUTHS: ReadonlyArray<Record<string, string>> = [
  {},
  { authorization: "Basic" },
  { authorization: "Basic !!!!" },
  { authorization: "Basic " + Buffer.from("no-colon").toString("base64") },
  { authorization: "Basic " + Buffer.from(":").toString("base64") },
  { authorization: "Bearer" },
  { authorization: "Bearer " + "0".repeat(40) }
]

const expectParticleAnswer = async (method: string, path: string, init: RequestInit) => {
  const r = await fetch(sim.url + path, { method, ...init, signal: AbortSignal.timeout(60_000) })
  const text = await r.text()
  const what = `${method} ${path} ${String(init.body ?? "").slice(0, 80)} → ${r.status} ${text.slice(0, 200)}`
  expect(r.status, what).toBeLessThan(500)
  if (r.status !== 204) expect(() => JSON.parse(text), what).not.toThrow()
}

describe("auth routes never answer 500", () => {
  // each route's requests go out together; the timeout is generous because the machine may be busy
  it("wrong JSON shapes, with and without a valid token", async () => {
    for (const [method, path] of ROUTES) {
      await Promise.all(JSON_BODIES.flatMap((body) =>
        [sim.accessToken, undefined].map((token) => {
          const headers: Record<string, string> = { "content-type": "application/json" }
          if (token) headers.authorization = `Bearer ${token}`
          return expectParticleAnswer(method, path, method === "GET" ? { headers } : { headers, body })
        })
      ))
      sim.reset()
    }
  }, 120_000)

  it("odd forms and odd credentials", async () => {
    for (const [method, path] of ROUTES) {
      if (method === "GET") continue
      // every form with one of the credentials in turn, and every credential with the first form
      const pairs = [
        ...FORM_BODIES.map((body, i) => [body, AUTHS[i % AUTHS.length]!] as const),
        ...AUTHS.map((auth) => [FORM_BODIES[0]!, auth] as const)
      ]
      await Promise.all(
        pairs.map(([body, auth]) =>
          expectParticleAnswer(method, path, {
            headers: { "content-type": "application/x-www-form-urlencoded", ...auth },
            body
          })
        )
      )
      sim.reset()
    }
  }, 120_000)

  it("the simulator still works afterwards, and prototypes are untouched", async () => {
    expect(({} as Record<string, unknown>)["admin"]).toBeUndefined()
    expect(({} as Record<string, unknown>)["x"]).toBeUndefined()
    const t = await call(sim, "POST", "/oauth/token", {
      token: null,
      form: {
        grant_type: "password",
        username: "demo@particle.sim",
        password: "demo-password",
        client_id: "particle",
        client_secret: "particle"
      }
    })
    expect(t.status).toBe(200)
    expect((await call(sim, "GET", "/v1/user", { token: t.json.access_token })).status).toBe(200)
  })
})
