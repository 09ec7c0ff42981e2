/** Device vitals (diagnostics), user and product scope. */
import { first, nowIso } from "../coerce.js"
import type { AuthedCtx, RouteTable } from "../context.js"
import { ok, type Reply } from "../reply.js"
import type { DeviceRecord, DiagnosticRecord } from "../store/types.js"
import { isReply, resolveDevice } from "./shared.js"

export const vitalsPayload = (d: DeviceRecord): Record<string, unknown> => ({
  device: {
    network: {
      signal: {
        at: d.cellular ? "LTE Cat-M1" : "Wi-Fi",
        strength: 80,
        strength_units: "%",
        strengthv: -71,
        strengthv_units: "dBm",
        strengthv_type: d.cellular ? "RSRP" : "RSSI",
        quality: 60,
        quality_units: "%",
        qualityv: -10,
        qualityv_units: "dB",
        qualityv_type: d.cellular ? "RSRQ" : "SNR"
      },
      connection: { status: "connected", error: 0, disconnects: 1, attempts: 1, disconnect_reason: "none" }
    },
    cloud: {
      connection: { status: "connected", error: 0, attempts: 1, disconnects: 0, disconnect_reason: "none" },
      coap: { transmit: 10, retransmit: 0, unack: 0, round_trip: 120 },
      publish: { rate_limited: 0 }
    },
    power: { battery: { charge: 87.5, state: "discharging" }, source: "battery" },
    system: { uptime: 3600, memory: { used: 52000, total: 160000 } }
  },
  service: { device: { status: "ok" }, cloud: { uptime: 3600, publish: { sent: 12 } }, coap: { round_trip: 120 } }
})

const METADATA = {
  device: {
    power: {
      battery: {
        charge: {
          title: "Battery charge",
          type: "number",
          priority: 1,
          units: { title: "%" },
          ranges: [],
          values: [],
          messages: {},
          describes: "battery state of charge"
        }
      }
    },
    system: {
      memory: {
        used: {
          title: "Memory used",
          type: "number",
          priority: 2,
          units: { title: "bytes" },
          ranges: [],
          values: [],
          messages: {},
          describes: "RAM in use"
        }
      }
    }
  },
  service: {
    device: {
      status: {
        title: "Device status",
        type: "string",
        priority: 1,
        units: {},
        ranges: [],
        values: ["ok", "error"],
        messages: {},
        describes: "overall health"
      }
    }
  }
}

const initial = (d: DeviceRecord) => (): DiagnosticRecord => ({
  updated_at: d.lastHeard,
  deviceID: d.id,
  payload: vitalsPayload(d)
})

const withDevice = (f: (ctx: AuthedCtx, d: DeviceRecord) => Reply) => (ctx: AuthedCtx): Reply => {
  const r = resolveDevice(ctx)
  return isReply(r) ? r : f(ctx, r.device)
}

const badDates = (description: string): Reply => ({ status: 400, json: { error: "bad_request", description } })

const history = (ctx: AuthedCtx, d: DeviceRecord): Reply => {
  const sd = first(ctx.query["start_date"])
  const ed = first(ctx.query["end_date"])
  if ((sd !== undefined && Number.isNaN(Date.parse(sd))) || (ed !== undefined && Number.isNaN(Date.parse(ed)))) {
    return badDates("start_date and end_date must be ISO8601 formatted")
  }
  if (sd !== undefined && Date.parse(sd) < Date.now() - 31 * 86_400_000) {
    return badDates("start_date must not be more than than 30 days ago")
  }
  let list = [...ctx.store.diagnostics.history(d.id, initial(d))]
  if (sd !== undefined) list = list.filter((x) => x.updated_at >= new Date(sd).toISOString())
  if (ed !== undefined) list = list.filter((x) => x.updated_at <= new Date(ed).toISOString())
  if ((ctx.req.headers.accept ?? "").includes("text/csv")) {
    const csv = "updated_at,deviceID,battery_charge,memory_used\n" + list.map((x) =>
      `${x.updated_at},${x.deviceID},87.5,52000`
    ).join("\n") + "\n"
    return { status: 200, raw: csv, contentType: "text/csv; charset=utf-8" }
  }
  return ok({ diagnostics: list })
}

export const registerDiagnostics = (r: RouteTable, base: string): void => {
  r.post(
    `${base}/diagnostics/:id/update`,
    withDevice((ctx, d) => {
      if (d.online) {
        const rec = { updated_at: nowIso(), deviceID: d.id, payload: vitalsPayload(d) }
        ctx.store.diagnostics.record(d.id, rec, initial(d))
        ctx.sim.publish({ name: "spark/device/diagnostics/update", data: JSON.stringify(rec.payload), device: d })
      }
      return ok({ ok: true }, 202)
    })
  )
  r.get(
    `${base}/diagnostics/:id/last`,
    withDevice((ctx, d) => {
      const list = ctx.store.diagnostics.history(d.id, initial(d))
      return ok({ diagnostics: list[list.length - 1] })
    })
  )
  r.get(`${base}/diagnostics/:id/metadata`, withDevice(() => ok({ diagnostics_metadata: METADATA })))
  r.get(
    `${base}/diagnostics/:id/summary`,
    withDevice((_ctx, d) => {
      const end = new Date()
      const start = new Date(end.getTime() - 86_400_000)
      return ok({
        deviceID: d.id,
        memoryAvailable: 160000,
        bucketSize: 300000,
        startDate: start.toISOString(),
        endDate: end.toISOString(),
        hasBattery: d.cellular,
        samples: [{
          timestamp: end.toISOString(),
          batteryCharging: false,
          batteryConnected: d.cellular,
          signalStrength: { max: 80, min: 70, avg: 75, med: 75, warnings: [] },
          signalStrengthValue: -71,
          signalQuality: 60,
          roundTripTime: 120,
          memoryUsed: 52000,
          batteryCharge: 87.5
        }]
      })
    })
  )
  r.get(`${base}/diagnostics/:id`, withDevice(history))
}
