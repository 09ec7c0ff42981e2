/** Validation and wire encoding of the date, box and metrics options (not exported by the package). */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** Milliseconds of an ISO-8601 date, or undefined when the text is not one. */
export const instant = (s: string): number | undefined => {
  const t = ISO_DATE.test(s) ? Date.parse(s) : Number.NaN
  return Number.isNaN(t) ? undefined : t
}

export const isIsoDate = (s: string): boolean => instant(s) !== undefined

const validDate = (d: Date) => !Number.isNaN(d.getTime())

export type DateRangeInput = string | readonly [Date, Date]

/** `true`, or why the range is wrong. */
export const checkDateRange = (range: DateRangeInput): true | string => {
  if (typeof range !== "string") {
    if (!validDate(range[0]) || !validDate(range[1])) return "must hold two valid dates"
    return range[0].getTime() <= range[1].getTime() || "must not start after it ends"
  }
  const parts = range.split(",")
  const start = parts.length === 2 ? instant(parts[0]!.trim()) : undefined
  const end = parts.length === 2 ? instant(parts[1]!.trim()) : undefined
  if (start === undefined || end === undefined) return "must be two ISO-8601 dates separated by a comma (start,end)"
  return start <= end || "must not start after it ends"
}

/** `date_range` as particle-api-js sends it: `start,end`. */
export const dateRangeParam = (range: DateRangeInput | undefined): string | undefined =>
  range === undefined
    ? undefined
    : typeof range === "string"
    ? range.split(",").map((s) => s.trim()).join(",")
    : `${range[0].toISOString()},${range[1].toISOString()}`

const DECIMAL = /^-?\d+(?:\.\d+)?$/

/** `[latitude, longitude]` of `"lat,lng"`, or undefined. */
export const latLng = (s: string): readonly [number, number] | undefined => {
  const parts = s.split(",").map((p) => p.trim())
  if (parts.length !== 2 || !DECIMAL.test(parts[0]!) || !DECIMAL.test(parts[1]!)) return undefined
  const lat = Number(parts[0]), lng = Number(parts[1])
  return lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180 ? [lat, lng] : undefined
}

export const isLatLng = (s: string): boolean => latLng(s) !== undefined

/** A corner as sent: the caller's text without spaces. */
export const cornerParam = (s: string | undefined): string | undefined => s?.split(",").map((p) => p.trim()).join(",")

/** Both corners or neither, bottom-left south-west of top-right; the problem as a filter issue. */
export const checkBox = (
  o: { readonly rectBl?: string | undefined; readonly rectTr?: string | undefined }
): { readonly path: ReadonlyArray<string>; readonly message: string } | undefined => {
  if (o.rectBl === undefined && o.rectTr === undefined) return undefined
  if (o.rectBl === undefined) return { path: ["rectBl"], message: "is required with rectTr (a box needs both corners)" }
  if (o.rectTr === undefined) return { path: ["rectTr"], message: "is required with rectBl (a box needs both corners)" }
  const bl = latLng(o.rectBl), tr = latLng(o.rectTr)
  if (bl === undefined || tr === undefined) return undefined
  if (bl[0] > tr[0]) return { path: ["rectBl"], message: "must not be north of rectTr" }
  if (bl[1] > tr[1]) return { path: ["rectBl"], message: "must not be east of rectTr" }
  return undefined
}

/** An instant as sent: ISO-8601. */
export const isoParam = (d: string | Date | undefined): string | undefined =>
  d === undefined ? undefined : typeof d === "string" ? d : d.toISOString()

/** The query of a metrics request, in Particle's snake_case names. */
export const metricsQuery = (o: {
  readonly startDate?: string | Date | undefined
  readonly endDate?: string | Date | undefined
  readonly bucketSize?: number | undefined
  readonly productFw?: number | undefined
  readonly deviceOsVersion?: string | undefined
  readonly deviceGroup?: string | undefined
}) => ({
  start_date: isoParam(o.startDate),
  end_date: isoParam(o.endDate),
  bucket_size: o.bucketSize,
  product_fw: o.productFw,
  device_os_version: o.deviceOsVersion,
  device_group: o.deviceGroup
})
