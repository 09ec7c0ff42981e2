/**
 * The request every operation and every event-stream connection becomes, as an immutable value, and the
 * response head it gets back: what a `ParticleClient.Middleware` sees on both transports.
 *
 * @since 0.2.0
 */
import { dual } from "effect/Function"
import type * as Redacted from "effect/Redacted"

/**
 * @since 0.2.0
 * @category models
 */
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * An encoded request body.
 *
 * @since 0.2.0
 * @category models
 */
export interface Body {
  readonly contentType: string
  readonly content: string | Uint8Array
}

/**
 * A request about to be sent. Header names are lower case. The access token is not a header here: it is
 * kept `Redacted` (so a middleware that logs requests cannot leak it) and the transport sends it as
 * `Authorization: Bearer`, to the base URL only.
 *
 * @since 0.2.0
 * @category models
 */
export interface ParticleRequest {
  readonly method: Method
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Body | undefined
  readonly accessToken: Redacted.Redacted<string> | undefined
}

/**
 * The status and headers of a response (names lower case), before its body is read.
 *
 * @since 0.2.0
 * @category models
 */
export interface ParticleResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
}

/**
 * A copy of the request with one header set (the name is lower-cased).
 *
 * @example
 * ```ts
 * import { ParticleRequest } from "@effect-particle/core"
 *
 * declare const request: ParticleRequest.ParticleRequest
 * const tagged = ParticleRequest.setHeader(request, "x-tenant", "acme")
 * ```
 *
 * @since 0.2.0
 * @category combinators
 */
export const setHeader: {
  (name: string, value: string): (self: ParticleRequest) => ParticleRequest
  (self: ParticleRequest, name: string, value: string): ParticleRequest
} = dual(3, (self: ParticleRequest, name: string, value: string): ParticleRequest => ({
  ...self,
  headers: { ...self.headers, [name.toLowerCase()]: value }
}))

/**
 * A copy of the request without a header.
 *
 * @since 0.2.0
 * @category combinators
 */
export const removeHeader: {
  (name: string): (self: ParticleRequest) => ParticleRequest
  (self: ParticleRequest, name: string): ParticleRequest
} = dual(2, (self: ParticleRequest, name: string): ParticleRequest => {
  const key = name.toLowerCase()
  if (!Object.hasOwn(self.headers, key)) return self
  const { [key]: _, ...headers } = self.headers
  return { ...self, headers }
})
