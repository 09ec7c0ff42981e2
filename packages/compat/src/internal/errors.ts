/**
 * Rejections with particle-api-js's fields, from our typed errors.
 */
import type { ParticleError } from "@effect-particle/core"
import type { Head } from "./call.js"

/**
 * The error every facade promise rejects with: an `Error` with particle-api-js's fields.
 *
 * - `statusCode`: the HTTP status (`undefined` when no answer came: network failure, timeout, bad input).
 * - `errorDescription` (also the `message`): `HTTP error <status> from <url>[ - <error_description>]`,
 *   `Network error from <url>`, or what was wrong with the input.
 * - `shortErrorDescription`: Particle's `error_description` (for bad input: the field and what is wrong).
 * - `body` and `error` (the same value): Particle's error body, parsed, with a non-enumerable `response`
 *   (`status`, `statusText`, `ok`, `url`, `headers` as a `Headers`, `text`); its text when it is not JSON;
 *   the typed error when no answer came.
 * - `cause`: the typed `@effect-particle/core` error (`NotFound`, `TransportError`, `InvalidInput`, …).
 *
 * @example
 * ```ts
 * import Particle, { ParticleApiError } from "@effect-particle/compat"
 *
 * const particle = new Particle({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * particle.getDevice({ deviceId: "my-boron" }).catch((error: ParticleApiError) => {
 *   if (error.statusCode === 404) console.log("no such device:", error.shortErrorDescription)
 * })
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export class ParticleApiError extends Error {
  /** The HTTP status, when an answer came. */
  readonly statusCode: number | undefined
  /** Same as `message`. */
  readonly errorDescription: string
  /** Particle's `error_description`, when it sent one. */
  readonly shortErrorDescription: string | undefined
  /** Particle's error body (parsed), or the typed error when no answer came. */
  readonly body: unknown
  /** Same as `body`. */
  readonly error: unknown

  constructor(fields: {
    readonly statusCode: number | undefined
    readonly errorDescription: string
    readonly shortErrorDescription: string | undefined
    readonly body: unknown
    readonly cause?: unknown
  }) {
    super(fields.errorDescription, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.name = "ParticleApiError"
    this.statusCode = fields.statusCode
    this.errorDescription = fields.errorDescription
    this.shortErrorDescription = fields.shortErrorDescription
    this.body = fields.body
    this.error = fields.body
  }
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/** What particle-api-js hangs on the error body as `response` (its fetch `Response`). */
const responseOf = (status: number, url: string, head: Head | undefined, text: string) => {
  const headers = typeof Headers === "function" ? new Headers() : undefined
  if (headers !== undefined && head !== undefined) {
    for (const [name, value] of Object.entries(head.headers)) {
      try {
        headers.set(name, value)
      } catch {
        // a header the Headers class refuses: left out
      }
    }
  }
  return { status, statusText: "", ok: false, url, headers, text }
}

/** A rejection of a request that got an HTTP answer. */
const fromStatus = (error: ParticleError.HttpStatusError, head: Head | undefined): ParticleApiError => {
  const raw = error.body
  let body: unknown
  let text: string
  if (isObject(raw)) {
    body = Array.isArray(raw) ? [...raw] : { ...raw }
    text = JSON.stringify(raw)
  } else if (typeof raw === "string" && raw.length > 0) {
    body = raw
    text = raw
  } else {
    body = {}
    text = typeof raw === "string" ? raw : JSON.stringify(raw) ?? ""
  }
  if (isObject(body)) {
    Object.defineProperty(body, "response", {
      value: responseOf(error.status, error.url, head, text),
      enumerable: false,
      configurable: true,
      writable: true
    })
  }
  const short = isObject(raw) && typeof raw.error_description === "string" && raw.error_description.length > 0
    ? raw.error_description
    : undefined
  return new ParticleApiError({
    statusCode: error.status,
    errorDescription: `HTTP error ${error.status} from ${error.url}${short !== undefined ? ` - ${short}` : ""}`,
    shortErrorDescription: short,
    body,
    cause: error
  })
}

/** A rejection with particle-api-js's fields for any of our errors. */
export const fromParticleError = (error: ParticleError.ParticleError, head?: Head): ParticleApiError => {
  switch (error._tag) {
    case "TransportError":
      return new ParticleApiError({
        statusCode: undefined,
        errorDescription: `Network error from ${error.url}`,
        shortErrorDescription: undefined,
        body: error,
        cause: error
      })
    case "InvalidInput":
      return new ParticleApiError({
        statusCode: undefined,
        errorDescription: error.message,
        shortErrorDescription: `${error.field} ${error.reason}`,
        body: error,
        cause: error
      })
    case "DecodeError":
      return new ParticleApiError({
        statusCode: error.status,
        errorDescription: `HTTP error ${error.status} from ${error.url} - ${error.message}`,
        shortErrorDescription: undefined,
        body: error,
        cause: error
      })
    default:
      return fromStatus(error, head)
  }
}

/** A rejection where particle-api-js throws (or rejects with) a plain `Error` of its own. */
export const refusal = (message: string): ParticleApiError =>
  new ParticleApiError({
    statusCode: undefined,
    errorDescription: message,
    shortErrorDescription: undefined,
    body: undefined
  })

/** Thrown by a method's option mapping when the operation's schema refuses the options. */
export class Invalid {
  constructor(readonly error: ParticleError.InvalidInput) {}
}

/** Thrown by a method's option mapping where particle-api-js refuses the options itself. */
export class Refusal {
  constructor(readonly message: string) {}
}

/** A rejection for anything else that went wrong (a defect): never an unhandled exception. */
export const unexpected = (cause: unknown): ParticleApiError =>
  cause instanceof ParticleApiError ? cause : new ParticleApiError({
    statusCode: undefined,
    errorDescription: `Unexpected error: ${cause instanceof Error ? cause.message : String(cause)}`,
    shortErrorDescription: undefined,
    body: cause,
    cause
  })
