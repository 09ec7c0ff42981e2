/**
 * Asset-tracking configuration (a product's, inherited by its devices until they override it; what waits
 * for an offline device), device locations (filtered by date range, bounding box, device and groups), and
 * fleet-health metrics.
 */
import { asStringList, first } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { errB, isReply, noContent, ok, type Reply } from "../reply.js"
import { type Config, type LocationPoint, mergeConfig } from "../store/products.js"
import type { DeviceRecord, ProductRecord } from "../store/types.js"
import { deviceNotInProduct, pageParams, productDevice, qp, withProduct } from "./shared.js"

const configSchema = {
  $schema: "https://particle.io/draft-07/schema#",
  type: "object",
  title: "Product configuration",
  properties: {
    location: {
      type: "object",
      properties: {
        radius: { type: "number", minimum: 0 },
        interval_min: { type: "integer", minimum: 0 },
        interval_max: { type: "integer", minimum: 0 },
        min_publish: { type: "boolean" }
      }
    },
    imu_trig: { type: "object" },
    rgb: { type: "object" }
  }
}

const wantsSchema = (ctx: AuthedCtx) => (ctx.req.headers.accept ?? "").includes("application/schema+json")
const schemaReply = (): Reply => ({ status: 200, json: configSchema, contentType: "application/schema+json" })
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** A configuration body: a JSON object of sections, each an object of settings. */
const configBody = (ctx: AuthedCtx): Config | Reply => {
  if (ctx.bodyKind !== "json" || !isObject(ctx.json) || Object.keys(ctx.json).length === 0) {
    return {
      status: 400,
      json: { error: "invalid_request", error_description: "The configuration must be a JSON object of sections" }
    }
  }
  const bad = Object.entries(ctx.json).find(([, v]) => !isObject(v))
  if (bad) {
    return {
      status: 400,
      json: { error: "invalid_request", error_description: `Configuration section ${bad[0]} must be an object` }
    }
  }
  return ctx.json
}

/**
 * How the simulated device answers a configuration change: the `location` section's `radius`,
 * `interval_min` and `interval_max` must be non-negative numbers with `interval_min ≤ interval_max`, else the
 * section fails with -19 (invalid argument); other sections are accepted.
 */
const rejectedSections = (config: Config): Map<string, number> => {
  const failed = new Map<string, number>()
  const location = config["location"]
  if (isObject(location)) {
    const nonNegative = (k: string) =>
      location[k] === undefined || (typeof location[k] === "number" && (location[k] as number) >= 0)
    const min = location["interval_min"], max = location["interval_max"]
    if (
      !nonNegative("radius") || !nonNegative("interval_min") || !nonNegative("interval_max") ||
      (typeof min === "number" && typeof max === "number" && min > max)
    ) failed.set("location", -19)
  }
  return failed
}

/** A handler for `…/:deviceId` routes that runs with the product device. */
const withDevice = (f: (ctx: AuthedCtx, p: ProductRecord, d: DeviceRecord) => Reply) =>
  withProduct((ctx, p) => {
    const d = productDevice(ctx, p, ctx.p["deviceId"]!)
    return d ? f(ctx, p, d) : deviceNotInProduct()
  })

const registerConfig = (r: RouteTable): void => {
  r.get(
    "/v1/products/:product/config",
    withProduct((ctx, p) => {
      if (wantsSchema(ctx)) return schemaReply()
      return p.config ? ok({ configuration: p.config }) : ok({}, 404)
    })
  )
  r.put(
    "/v1/products/:product/config",
    withProduct((ctx, p) => {
      if ((ctx.contentType ?? "").includes("application/schema+json")) {
        if (!isObject(ctx.json)) {
          return {
            status: 422,
            json: { message: "Invalid Schema", description: "The schema must be a JSON object", violations: [] }
          }
        }
        return ok(ctx.json)
      }
      const config = configBody(ctx)
      if (isReply(config)) return config
      p.config = mergeConfig(p.config ?? {}, config)
      return ok({}, 202)
    })
  )
  r.del(
    "/v1/products/:product/config",
    withProduct((_ctx, p) => {
      p.config = undefined
      return noContent()
    })
  )
  r.get(
    "/v1/products/:product/config/:deviceId",
    withDevice((ctx, p, d) => {
      if (wantsSchema(ctx)) return schemaReply()
      const products = ctx.store.products
      if (d.online) products.applyPendingConfig(p, d.id)
      return ok({
        configuration: { current: products.effectiveConfig(p, d.id), pending: products.pendingConfig(p, d.id) ?? {} }
      })
    })
  )
  r.put(
    "/v1/products/:product/config/:deviceId",
    withDevice((ctx, p, d) => {
      const config = configBody(ctx)
      if (isReply(config)) return config
      const products = ctx.store.products
      if (!d.online) {
        return products.addPendingConfig(p, d.id, config)
          ? ok({}, 202)
          : errB(400, "Too many devices with pending configuration")
      }
      products.applyPendingConfig(p, d.id)
      const failed = rejectedSections(config)
      const accepted = Object.fromEntries(Object.entries(config).filter(([k]) => !failed.has(k)))
      if (Object.keys(accepted).length > 0 && !products.setDeviceConfig(p, d.id, accepted)) {
        return errB(400, "Too many devices with their own configuration")
      }
      if (failed.size === 0) return ok({})
      const codes = [...failed].map(([k, c]) => `${k}: ${c}`).join(", ")
      return {
        status: 400,
        json: {
          error: "device_rejected_configuration",
          error_description:
            `Configuration updates failed for some sections: {${codes}}, these sections were successful: ${
              Object.keys(accepted).join(", ")
            }`
        }
      }
    })
  )
}

// ---------------------------------------------------------------------------------------------- locations

const ISO = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const instant = (
  s: string
): number | undefined => (ISO.test(s) && !Number.isNaN(Date.parse(s)) ? Date.parse(s) : undefined)

interface LocationQuery {
  readonly range: readonly [number, number] | undefined
  readonly box: { readonly bl: readonly [number, number]; readonly tr: readonly [number, number] } | undefined
}

const corner = (s: string | undefined): readonly [number, number] | undefined => {
  const parts = s?.split(",")
  if (parts?.length !== 2 || !parts.every((x) => /^\s*-?\d+(?:\.\d+)?\s*$/.test(x))) return undefined
  const lat = Number(parts[0]), lon = Number(parts[1])
  return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 ? [lat, lon] : undefined
}

const badLocationQuery = (description: string): Reply => ({
  status: 400,
  json: { error: "invalid_request", error_description: description }
})

/** `date_range` and `rect_bl` / `rect_tr`, validated. */
const locationQuery = (ctx: AuthedCtx): LocationQuery | Reply => {
  let range: readonly [number, number] | undefined
  const dr = qp(ctx, "date_range", "dateRange")
  if (dr !== undefined) {
    const parts = dr.split(",")
    const start = parts.length === 2 ? instant(parts[0]!.trim()) : undefined
    const end = parts.length === 2 ? instant(parts[1]!.trim()) : undefined
    if (start === undefined || end === undefined || start > end) {
      return badLocationQuery("date_range must be two ISO8601 dates separated by a comma, the start not after the end")
    }
    range = [start, end]
  }
  const blText = qp(ctx, "rect_bl", "rectBl")
  const trText = qp(ctx, "rect_tr", "rectTr")
  if ((blText === undefined) !== (trText === undefined)) {
    return badLocationQuery("rect_bl and rect_tr must be given together")
  }
  let box: LocationQuery["box"]
  if (blText !== undefined) {
    const bl = corner(blText), tr = corner(trText)
    if (!bl || !tr || bl[0] > tr[0] || bl[1] > tr[1]) {
      return badLocationQuery("rect_bl and rect_tr must be latitude,longitude corners, rect_bl south-west of rect_tr")
    }
    box = { bl, tr }
  }
  return { range, box }
}

/** The points of a device matching the query: every point in the range, or the last known one; within the box. */
const matching = (points: ReadonlyArray<LocationPoint>, q: LocationQuery): Array<LocationPoint> => {
  const inRange = q.range === undefined
    ? points.slice(-1)
    : points.filter((x) => {
      const t = Date.parse(x.time)
      return t >= q.range![0] && t <= q.range![1]
    })
  const box = q.box
  return box === undefined
    ? inRange
    : inRange.filter((x) => x.lat >= box.bl[0] && x.lat <= box.tr[0] && x.lon >= box.bl[1] && x.lon <= box.tr[1])
}

const locationJson = (d: DeviceRecord, p: ProductRecord, points: ReadonlyArray<LocationPoint>) => ({
  device_id: d.id,
  product_id: p.id,
  device_name: d.name,
  groups: d.groups,
  gps_lock: points.length > 0,
  last_heard: d.lastHeard,
  timestamps: points.map((x) => x.time),
  online: d.online,
  geometry: points.length === 0
    ? null
    : points.length === 1
    ? { type: "Point", coordinates: [points[0]!.lon, points[0]!.lat] }
    : { type: "LineString", coordinates: points.map((x) => [x.lon, x.lat]) }
})

const registerLocations = (r: RouteTable): void => {
  r.get(
    "/v1/products/:product/locations",
    withProduct((ctx, p) => {
      const q = locationQuery(ctx)
      if (isReply(q)) return q
      const { page, perPage } = pageParams(ctx, 20, 100)
      const name = qp(ctx, "device_name", "deviceName")?.toLowerCase()
      const id = qp(ctx, "device_id", "deviceId")?.toLowerCase()
      const groups = asStringList(ctx.query["groups"]) ?? []
      const found: Array<ReturnType<typeof locationJson>> = []
      for (const d of ctx.store.devices.inProduct(p.id)) {
        if (name !== undefined && !d.name.toLowerCase().startsWith(name)) continue
        if (id !== undefined && !d.id.startsWith(id)) continue
        if (groups.length > 0 && !groups.some((g) => d.groups.includes(g))) continue
        const points = matching(ctx.store.products.locationsOf(p, d.id), q)
        if (points.length > 0) found.push(locationJson(d, p, points))
      }
      return ok({
        locations: found.slice((page - 1) * perPage, page * perPage),
        meta: {
          page,
          per_page: perPage,
          total_pages: Math.max(1, Math.ceil(found.length / perPage)),
          devices_found: found.length
        }
      })
    })
  )
  r.get(
    "/v1/products/:product/locations/:deviceId",
    withDevice((ctx, p, d) => {
      const q = locationQuery(ctx)
      if (isReply(q)) return q
      const points = matching(ctx.store.products.locationsOf(p, d.id), q)
      return ok({ location: { ...locationJson(d, p, points), properties: points.map((x) => x.properties) }, meta: {} })
    })
  )
}

// ------------------------------------------------------------------------------------------------ metrics

const MAX_BUCKETS = 2000

const registerMetrics = (r: RouteTable): void => {
  for (const kind of ["online", "events", "integration", "functions", "variables"] as const) {
    r.get(
      `/v1/products/:product/metrics/${kind}`,
      withProduct((ctx, p) => {
        const bad = (description: string): Reply => ({ status: 400, json: { error: "bad_request", description } })
        const bucketText = first(ctx.query["bucket_size"])
        const bucket = bucketText === undefined ? 900 : /^\d+$/.test(bucketText) ? Number(bucketText) : Number.NaN
        if (!(bucket > 15)) return bad("bucket_size must be a number of seconds greater than 15")
        const now = Date.now()
        const startText = first(ctx.query["start_date"]), endText = first(ctx.query["end_date"])
        const start = startText === undefined ? now : instant(startText)
        const end = endText === undefined ? now : instant(endText)
        if (start === undefined || end === undefined) return bad("start_date and end_date must be ISO8601 formatted")
        if (start > end) return bad("start_date must not be after end_date")
        const step = bucket * 1000
        const first0 = Math.floor(start / step) * step
        if ((end - first0) / step >= MAX_BUCKETS) {
          return bad(`the period holds more than ${MAX_BUCKETS} buckets; use a larger bucket_size`)
        }
        const fw = first(ctx.query["product_fw"])
        const os = first(ctx.query["device_os_version"])
        const group = first(ctx.query["device_group"])
        const fleet = ctx.store.devices.inProduct(p.id).filter((d) =>
          (fw === undefined || String(d.firmwareVersion) === fw) &&
          (os === undefined || d.systemFirmwareVersion === os) &&
          (group === undefined || d.groups.includes(group))
        )
        const online = fleet.filter((d) => d.online).length
        const buckets: Array<Record<string, unknown>> = []
        for (let t = first0; t <= end; t += step) {
          const time = new Date(t).toISOString()
          // the simulator keeps no history: every bucket holds the fleet as it is now; zero counts are omitted
          buckets.push(
            kind === "online" ? { time, count: online } : kind === "events" ? { time, received: 0 } : { time }
          )
        }
        const key = kind === "integration" ? "integrations" : kind
        return ok({ [key]: buckets })
      })
    )
  }
}

export const registerProductConfig = (r: RouteTable): void => {
  registerConfig(r)
  registerLocations(r)
  registerMetrics(r)
}
