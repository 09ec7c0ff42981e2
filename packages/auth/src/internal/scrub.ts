import type { Operation } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"

const REDACTED = "<redacted>"

/** The raw value of an option that is a secret (a string or a `Redacted`), own properties only. */
export const secretOption = (options: unknown, field: string): string | undefined => {
  if (typeof options !== "object" || options === null || !Object.hasOwn(options, field)) return undefined
  const value = (options as Record<string, unknown>)[field]
  if (Redacted.isRedacted(value)) return String(Redacted.value(value))
  return typeof value === "string" ? value : undefined
}

type Replacements = ReadonlyArray<readonly [string, string]>

/** Every string in `value` (deeply) with the replacements made. */
const scrubValue = (value: unknown, needles: Replacements, depth = 0): unknown => {
  if (typeof value === "string") {
    let out = value
    for (const [needle, by] of needles) out = out.split(needle).join(by)
    return out
  }
  if (depth > 8 || typeof value !== "object" || value === null) return value
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, needles, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, needles, depth + 1)
  return out
}

/**
 * The replacements that take a secret out of text: the path segment it fills (always, whatever its length),
 * and its raw and URL-encoded forms anywhere when they are long enough not to match by chance.
 */
const replacementsOf = (secret: string, segmentPrefix: string): Replacements => {
  const encoded = encodeURIComponent(secret)
  const anywhere = [...new Set([encoded, secret])].filter((n) => n.length >= 8).sort((a, b) => b.length - a.length)
  return [[segmentPrefix + encoded, segmentPrefix + REDACTED], ...anywhere.map((n) => [n, REDACTED] as const)]
}

/** An error of the same class with the secret taken out of its URL, message and body. */
const scrubError = <E>(error: E, needles: Replacements): E => {
  if (typeof error !== "object" || error === null) return error
  const fields: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(error)) {
    if (k === "_tag") continue
    fields[k] = k === "retryAfter" || k === "cause" ? v : scrubValue(v, needles)
  }
  fields.message = scrubValue((error as { message?: unknown }).message, needles)
  const Class = (error as { constructor: new(fields: Record<string, unknown>) => E }).constructor
  return new Class(fields)
}

/**
 * An operation whose path carries a secret (`DELETE /v1/access_tokens/:token`): every error it fails with has
 * the secret replaced by `<redacted>` in its URL, message and body, so that logging the error never leaks
 * it. Returns an operation with the same definition (its table row, its route check).
 */
export const secretInPath = <Op extends Operation.Any>(operation: Op, field: string, segmentPrefix: string): Op => {
  const run = (options?: unknown) => {
    const secret = secretOption(options, field)
    const effect = operation(options)
    if (secret === undefined || secret.length === 0) return effect
    const needles = replacementsOf(secret, segmentPrefix)
    return Effect.mapError(effect, (error) => scrubError(error, needles))
  }
  return Object.assign(run, { definition: operation.definition }) as unknown as Op
}
