import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as E from "../ParticleError.js"

const byStatus = new Map<number, E.HttpStatusClass>()
let serverError: E.HttpStatusClass | undefined
let otherStatus: E.HttpStatusClass | undefined
for (const cls of E.httpStatusClasses) {
  if (typeof cls.status === "number") byStatus.set(cls.status, cls)
  else if (cls.status === "5xx") serverError = cls
  else otherStatus = cls
}

/** The class of a non-2xx status, from the `status` each class carries. */
export const classOfStatus = (status: number): E.HttpStatusClass =>
  byStatus.get(status) ?? (status >= 500 && status <= 599 ? serverError! : otherStatus!)

const asString = (u: unknown): string | undefined => (typeof u === "string" && u.length > 0 ? u : undefined)

/** `errors[]` items are strings, `{message}`, `{error}` or `{error: {status}}` depending on the service. */
const errorMessages = (u: unknown): ReadonlyArray<string> | undefined => {
  if (!Array.isArray(u)) return undefined
  const out: Array<string> = []
  for (const item of u) {
    if (typeof item === "string") out.push(item)
    else if (typeof item === "object" && item !== null) {
      const o = item as Record<string, unknown>
      const inner = o.error
      const text = asString(o.message) ?? asString(inner) ??
        (typeof inner === "object" && inner !== null ? asString((inner as Record<string, unknown>).status) : undefined)
      out.push(text ?? JSON.stringify(item))
    }
  }
  return out
}

/**
 * `Retry-After` is either delta-seconds or an HTTP date.
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Option.Option<Duration.Duration> => {
  if (value === undefined) return Option.none()
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Option.some(Duration.seconds(Number(trimmed)))
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, at - nowMillis)))
}

const MAX_TEXT = 2_000
/** The most of an error body kept (as text, unparsed beyond it): a 100 MB error page is not kept whole. */
const MAX_BODY = 64 * 1024

/**
 * Builds the typed error of a non-2xx response. `allowed` holds the tags the operation documents; any
 * other status becomes `UnexpectedStatus`, so the operation's error type stays true.
 */
export const fromResponse = (options: {
  readonly status: number
  readonly method: string
  readonly url: string
  readonly text: string
  readonly retryAfter: string | undefined
  readonly nowMillis: number
  readonly allowed?: ReadonlySet<string> | undefined
}): E.HttpStatusError => {
  const { method, status, text, url } = options
  let body: unknown = text.length > MAX_BODY ? text.slice(0, MAX_BODY) + "…" : text
  let json: Record<string, unknown> | undefined
  if (text.length > 0 && text.length <= MAX_BODY) {
    try {
      body = JSON.parse(text)
      if (typeof body === "object" && body !== null && !Array.isArray(body)) json = body as Record<string, unknown>
    } catch {
      body = text
    }
  }
  const error = json ? asString(json.error) : undefined
  const errorDescription = json ? asString(json.error_description) ?? asString(json.description) : undefined
  const info = json ? asString(json.info) : undefined
  const errors = json ? errorMessages(json.errors) : undefined
  const detail = errorDescription ?? error ?? (errors && errors.length > 0 ? errors.join("; ") : undefined) ?? info ??
    (json === undefined && text.length > 0 ? text.slice(0, MAX_TEXT) : undefined)
  const message = `HTTP ${status} from ${method} ${url}${detail ? `: ${detail}` : ""}`
  let cls = classOfStatus(status)
  if (options.allowed && !options.allowed.has(cls._tag)) cls = otherStatus!
  const fields = {
    status,
    method,
    url,
    body,
    message,
    ...(error !== undefined ? { error } : {}),
    ...(errorDescription !== undefined ? { errorDescription } : {}),
    ...(info !== undefined ? { info } : {}),
    ...(errors !== undefined ? { errors } : {})
  }
  const extra = "details" in cls
    ? cls.details({ json, retryAfter: parseRetryAfter(options.retryAfter, options.nowMillis) })
    : undefined
  return new cls(extra === undefined ? fields : { ...fields, ...extra } as any) as E.HttpStatusError
}
