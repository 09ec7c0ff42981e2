import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** Lowercase letters, digits and dashes, 1 to 32 characters: Particle's rule for ledger names. */
export const LedgerName = /*#__PURE__*/ Schema.String.pipe(
  Schema.pattern(/^[a-z0-9-]{1,32}$/, {
    message: () => "must be 1 to 32 lowercase letters, digits and dashes (Particle's rule for ledger names)"
  })
)

/** A date for a query: a `Date`, or an ISO-8601 string. */
export const DateInput = /*#__PURE__*/ Schema.Union(
  Schema.DateFromSelf.pipe(Schema.filter((d) => !Number.isNaN(d.getTime()) || "must be a valid date")),
  Schema.String.pipe(Schema.filter((s) => !Number.isNaN(Date.parse(s)) || "must be an ISO-8601 date"))
).annotations({ message: () => "must be a Date or an ISO-8601 date string" })

/** An ISO string for a date input. */
export const isoDate = (d: Date | string | undefined): string | undefined =>
  d === undefined ? undefined : typeof d === "string" ? d : d.toISOString()

/** `org` (id or slug): an organization's ledgers; without it, your sandbox's. */
export const org = /*#__PURE__*/ Schema.optional(Input.Org)
