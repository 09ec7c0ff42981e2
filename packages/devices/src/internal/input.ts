import * as Schema from "effect/Schema"

/** A date for a query: a `Date`, or an ISO-8601 string. */
export const DateInput = /*#__PURE__*/ Schema.Union(
  Schema.DateFromSelf.pipe(Schema.filter((d) => !Number.isNaN(d.getTime()) || "must be a valid date")),
  Schema.String.pipe(Schema.filter((s) => !Number.isNaN(Date.parse(s)) || "must be an ISO-8601 date"))
).annotations({ message: () => "must be a Date or an ISO-8601 date string" })

/** An ISO string for a date input. */
export const isoDate = (d: Date | string | undefined): string | undefined =>
  d === undefined ? undefined : typeof d === "string" ? d : d.toISOString()
