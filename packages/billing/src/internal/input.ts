import { Input, type Operation } from "@effect-particle/core"
import * as Schema from "effect/Schema"

/** `org` (id or slug): an organization's service agreements; without it, yours. */
export const org = /*#__PURE__*/ Schema.optional(Input.Org)

/** The routes of a billing endpoint: `/v1/orgs/{org}…` with `org`, else `/v1/user…`. */
export const billingRoutes = (path: string): ReadonlyArray<Operation.Route> => [
  { path: `/v1/orgs/{org}${path}` },
  { path: `/v1/user${path}` }
]

/** A numeric id (a number or a string of digits). */
export const NumericId = /*#__PURE__*/ Schema.Union(
  Schema.Number.pipe(Schema.int(), Schema.positive()),
  Schema.String.pipe(Schema.pattern(/^\d+$/))
).annotations({ message: () => "must be a numeric id" })

/** A calendar day: a `Date` (its UTC day) or `YYYY-MM-DD`. */
export const Day = /*#__PURE__*/ Schema.Union(
  Schema.DateFromSelf.pipe(Schema.filter((d) => !Number.isNaN(d.getTime()) || "must be a valid date")),
  Schema.String.pipe(
    Schema.filter((s) =>
      (/^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s))) || "must be a date as YYYY-MM-DD"
    )
  )
).annotations({ message: () => "must be a Date or a YYYY-MM-DD string" })

/** `YYYY-MM-DD` of a day input. */
export const dayString = (d: Date | string): string => (typeof d === "string" ? d : d.toISOString().slice(0, 10))
