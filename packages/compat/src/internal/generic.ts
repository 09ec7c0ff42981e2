/**
 * Operations of the facade's own: the generic verbs (`get`, `post`, …, `request`: any URL, any body) and
 * `flashTinker`, which particle-api-js ≤ 11 had and no domain package defines.
 */
import { Input, Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** The methods `request` accepts (particle-api-js's, in any case). */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE"

export const methods: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])

const GenericInput = Schema.Struct({
  url: Schema.String,
  query: Schema.optional(Schema.Any),
  body: Schema.optional(Schema.Any)
})

const made = new Map<string, Operation.Any>()

/**
 * The operation of a generic request: the URL is absolute (the base URL already prepended to a relative
 * `uri`), so the token goes only where it points under the base URL; `query` is serialised as qs does,
 * `body` is a ready `Operation.Body`.
 */
export const generic = (method: Method, binary: boolean): Operation.Any => {
  const key = `${method}:${binary}`
  let op = made.get(key)
  if (op === undefined) {
    op = Operation.make({
      name: "request",
      summary: `A ${method} request to any URL (particle-api-js's generic verbs)`,
      method,
      routes: [{ url: "url" }],
      input: GenericInput,
      query: (i) => (i.query ?? {}) as Record<string, never>,
      body: (i) => i.body as Operation.Body | undefined,
      response: binary ? Operation.bytes : Operation.json(Schema.Unknown)
    }) as Operation.Any
    made.set(key, op)
  }
  return op
}

/**
 * `flashTinker` of particle-api-js ≤ 11: `PUT /v1/devices/:deviceId` with `{"app":"tinker"}` (a
 * deprecated endpoint that flashed the Tinker app).
 */
export const flashTinker = Operation.make({
  name: "flashTinker",
  summary: "Flash the Tinker app (deprecated; particle-api-js ≤ 11)",
  method: "PUT",
  routes: [{ path: "/v1/devices/{deviceId}" }],
  input: Schema.Struct({ deviceId: Input.DeviceIdOrName }),
  body: () => Operation.jsonBody({ app: "tinker" }),
  response: Operation.json(Schema.Unknown)
})
