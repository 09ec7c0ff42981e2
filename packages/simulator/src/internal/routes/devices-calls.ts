/** Reading variables and calling functions on a device (user and product scope). */
import { first, nowIso } from "../coerce.js"
import type { AuthedCtx } from "../context.js"
import { errB, ok, type Reply } from "../reply.js"
import { isReply, resolveDevice } from "./shared.js"

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const timedOut = (): Reply => ({ status: 408, json: { error: "Timed out." } })
const rawText = (v: unknown): Reply => ({ status: 200, raw: String(v), contentType: "text/plain; charset=utf-8" })

export const getVariable = async (ctx: AuthedCtx): Promise<Reply> => {
  const r = resolveDevice(ctx)
  if (isReply(r)) return r
  const d = r.device
  const name = ctx.p["name"]!
  if (!d.online) return errB(404, "Device is offline")
  if (!Object.hasOwn(d.variables, name)) return errB(404, "Variable not found")
  if (d.unresponsive) {
    await delay(ctx.sim.deviceTimeoutMs)
    return timedOut()
  }
  const value = d.variables[name]!
  d.lastHeard = nowIso()
  if (first(ctx.query["format"]) === "raw") return rawText(value)
  return ok({
    cmd: "VarReturn",
    name,
    result: value,
    coreInfo: {
      last_app: d.lastApp,
      last_heard: d.lastHeard,
      connected: d.online,
      last_handshake_at: d.lastHandshakeAt,
      deviceID: d.id,
      product_id: d.productId ?? d.platformId
    }
  })
}

export const callFunction = async (ctx: AuthedCtx): Promise<Reply> => {
  const r = resolveDevice(ctx)
  if (isReply(r)) return r
  const d = r.device
  const name = ctx.p["name"]!
  const argRaw = ctx.body["arg"] ?? ctx.body["args"] ?? ""
  if (typeof argRaw === "object" && argRaw !== null && !Array.isArray(argRaw)) {
    return errB(400, "Function argument must be a string")
  }
  const arg = first(argRaw) ?? ""
  const max = ctx.sim.maxFunctionArgLength
  if (arg.length > max) return errB(400, `Argument too long: the maximum length is ${max} characters`)
  if (!d.online) return errB(404, "Device is offline")
  if (!Object.hasOwn(d.functions, name)) return errB(404, "Function not found")
  if (d.unresponsive) {
    await delay(ctx.sim.deviceTimeoutMs)
    return timedOut()
  }
  const behaviour = d.functions[name]!
  let value: number
  try {
    value = typeof behaviour === "function" ? behaviour(arg) : behaviour
  } catch (e) {
    return errB(400, e instanceof Error ? e.message : String(e))
  }
  d.lastHeard = nowIso()
  const format = first(ctx.body["format"]) ?? first(ctx.query["format"])
  if (format === "raw") return rawText(value)
  return ok({ id: d.id, name: d.name, last_app: d.lastApp, connected: d.online, return_value: value })
}
