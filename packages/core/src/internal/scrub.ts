import * as Redacted from "effect/Redacted"
import * as E from "../ParticleError.js"

/**
 * Keeps secrets out of errors. Particle echoes the caller's token in some bodies (a 403's `info` ends in
 * `…?access_token=<token>`), and platform errors carry whole requests, `Authorization` header included:
 * every string of an error is scrubbed of the caller's token and of any `access_token=` value, and a
 * transport failure's cause is reduced to its name, message and code.
 */

const ACCESS_TOKEN = /(access_token=)[^&\s"'<>]*/gi
const MAX_DEPTH = 4

export const scrubText = (text: string, secret: string | undefined): string => {
  let out = text.replace(ACCESS_TOKEN, "$1<redacted>")
  if (secret !== undefined && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join("<redacted>")
  return out
}

/** A JSON body (or anything) with every string scrubbed, bounded in depth and breadth. */
const scrubValue = (value: unknown, secret: string | undefined, depth = 0): unknown => {
  if (typeof value === "string") return scrubText(value, secret)
  if (typeof value !== "object" || value === null || depth > MAX_DEPTH) return value
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secret, depth + 1))
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    out[key] = scrubValue((value as Record<string, unknown>)[key], secret, depth + 1)
  }
  return out
}

/** What is safe to keep of a failure's cause: its name, message and code, and the same of its own cause. */
export const safeCause = (cause: unknown, secret?: string, depth = 0): unknown => {
  if (typeof cause !== "object" || cause === null) {
    return typeof cause === "string" ? scrubText(cause, secret) : cause
  }
  const c = cause as {
    readonly name?: unknown
    readonly message?: unknown
    readonly code?: unknown
    readonly cause?: unknown
    readonly _tag?: unknown
  }
  const out: { name?: string; message?: string; code?: string; cause?: unknown } = {}
  const name = typeof c._tag === "string" ? c._tag : typeof c.name === "string" ? c.name : undefined
  if (name !== undefined) out.name = name
  if (typeof c.message === "string") out.message = scrubText(c.message, secret)
  if (typeof c.code === "string" || typeof c.code === "number") out.code = String(c.code)
  if (c.cause !== undefined && depth < 3) out.cause = safeCause(c.cause, secret, depth + 1)
  return out
}

/** The error, with the caller's token and every `access_token=` value scrubbed from all of its fields. */
export const scrubError = <Err>(error: Err, token: Redacted.Redacted<string> | undefined): Err => {
  const secret = token === undefined ? undefined : Redacted.value(token)
  const e = error as unknown as E.ParticleError
  if (typeof e !== "object" || e === null || !("_tag" in e)) return error
  switch (e._tag) {
    case "TransportError": {
      const message = scrubText(e.message, secret)
      const cause = e.cause === undefined ? undefined : safeCause(e.cause, secret)
      return new E.TransportError({
        method: e.method,
        url: scrubText(e.url, secret),
        reason: e.reason,
        message,
        ...(cause === undefined ? {} : { cause })
      }) as Err
    }
    case "DecodeError":
      return new E.DecodeError({
        status: e.status,
        method: e.method,
        url: e.url,
        path: e.path,
        issue: scrubText(e.issue, secret),
        message: scrubText(e.message, secret)
      }) as Err
    case "InvalidInput":
      return error
    default: {
      const fields: Record<string, unknown> = {
        status: e.status,
        method: e.method,
        url: scrubText(e.url, secret),
        body: scrubValue(e.body, secret),
        message: scrubText(e.message, secret)
      }
      for (const key of ["error", "errorDescription", "info"] as const) {
        const v = e[key]
        if (v !== undefined) fields[key] = scrubText(v, secret)
      }
      if (e.errors !== undefined) fields.errors = e.errors.map((m) => scrubText(m, secret))
      if (e._tag === "Forbidden" && e.mfaToken !== undefined) fields.mfaToken = e.mfaToken
      if (e._tag === "RateLimited") fields.retryAfter = e.retryAfter
      const cls = E.httpStatusClasses.find((c) => c._tag === e._tag)!
      return new cls(fields as any) as Err
    }
  }
}
