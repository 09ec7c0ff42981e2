import { Input } from "@effect-particle/core"
import * as Schema from "effect/Schema"

const DEVICE_ID = /^[0-9a-fA-F]{24}$/

/**
 * A struct of options addressing one device. In the user scope `deviceId` may be a name; with `product`
 * or `org` set it must be the 24-hex id (product and org routes do not resolve names), else
 * `InvalidInput` on `deviceId`.
 */
export const deviceOptions = <Fields extends Schema.Struct.Fields & { readonly deviceId: typeof Input.DeviceIdOrName }>(
  fields: Fields
) =>
  Schema.Struct(fields).pipe(
    Schema.filter((options) => {
      const o = options as unknown as { readonly deviceId: string; readonly product?: unknown; readonly org?: unknown }
      if ((o.product === undefined && o.org === undefined) || DEVICE_ID.test(o.deviceId)) return undefined
      return {
        path: ["deviceId"],
        message: "must be a device ID (24 hexadecimal characters) when product or org is set (names only work in the user scope)"
      }
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
