import { Input } from "@effect-particle/core"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

/** An event-name prefix: 1 to 64 characters (Particle's longest event name). */
export const EventPrefix = /*#__PURE__*/ Input.NonEmpty.pipe(
  Schema.maxLength(64, { message: () => "must be at most 64 characters (the longest event name)" })
)

/** `product` and `org` select the scope; particle-api-js 12.0.3 refuses both together, and so do we. */
export const oneScope = <A extends { readonly product?: unknown; readonly org?: unknown }>(o: A) =>
  o.product !== undefined && o.org !== undefined
    ? { path: ["org"], message: "Specify only one of: product or org (particle-api-js 12.0.3 refuses both)" }
    : undefined

/** `deviceId` filters sandbox integrations only (Particle has no device filter for products or orgs). */
export const sandboxDevice = <
  A extends { readonly product?: unknown; readonly org?: unknown; readonly deviceId?: unknown }
>(o: A) =>
  o.deviceId !== undefined && (o.product !== undefined || o.org !== undefined)
    ? { path: ["deviceId"], message: "filters the events of one sandbox device: not with product or org" }
    : undefined

/** JSON for the wire: secrets unwrapped here, and nowhere else. */
export const toWire = (value: unknown): unknown => {
  if (Redacted.isRedacted(value)) return Redacted.value(value)
  if (Array.isArray(value)) return value.map(toWire)
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toWire(v)
    return out
  }
  return value
}
