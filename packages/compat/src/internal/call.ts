/**
 * What one facade call adds to its requests, kept in a FiberRef that the client's middleware reads: the
 * context and caller headers (in particle-api-js's merge order, later wins), the event-stream nonce, and
 * the response head (for `error.body.response`). Also the stand-in token of calls made without one.
 */
import type { ParticleClient } from "@effect-particle/core"
import { ParticleRequest } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Redacted from "effect/Redacted"

/** The status and headers of the last response of a call. */
export interface Head {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
}

/** The per-call state. */
export interface CallState {
  /** headers to set, in order (context headers, then the caller's `headers`); names in any case */
  readonly headers: ReadonlyArray<readonly [string, string]>
  /** an event-stream open: `?nonce=<performance.now()>` is appended, as particle-api-js does */
  readonly eventStream: boolean
  /** set by the middleware at each response */
  head: Head | undefined
}

/** The state of the running call, if any (`particle.effect` runs have none). */
export const currentCall: FiberRef.FiberRef<CallState | undefined> = FiberRef.unsafeMake<CallState | undefined>(
  undefined
)

/**
 * The token of a call made with no token at all. Core needs a token for an authenticated operation; the
 * middleware removes this one, so the request goes out without `Authorization`, as particle-api-js sends it.
 */
export const NO_TOKEN: Redacted.Redacted<string> = Redacted.make("effect-particle-compat-no-token")

const now = () => (typeof performance !== "undefined" ? performance.now() : 0)

const apply = (request: ParticleRequest.ParticleRequest, state: CallState): ParticleRequest.ParticleRequest => {
  let r = request
  for (const [name, value] of state.headers) {
    const key = name.toLowerCase()
    if (key === "content-type" && r.body !== undefined) {
      // the caller's Content-Type wins, as in particle-api-js (the transport takes it from the body)
      r = { ...r, body: { ...r.body, contentType: value } }
    } else if (key === "authorization") {
      // the caller's Authorization wins over the Bearer token
      r = { ...ParticleRequest.setHeader(r, key, value), accessToken: undefined }
    } else {
      r = ParticleRequest.setHeader(r, key, value)
    }
  }
  if (state.eventStream) r = { ...r, url: `${r.url}${r.url.includes("?") ? "&" : "?"}nonce=${now()}` }
  return r
}

/** The client middleware of the facade. */
export const middleware: ParticleClient.Middleware = (request, next) =>
  Effect.flatMap(FiberRef.get(currentCall), (state) => {
    let r = request.accessToken === NO_TOKEN ? { ...request, accessToken: undefined } : request
    if (state === undefined) return next(r)
    state.head = undefined
    r = apply(r, state)
    return Effect.tap(next(r), (response) => {
      state.head = { status: response.status, headers: response.headers }
    })
  })
