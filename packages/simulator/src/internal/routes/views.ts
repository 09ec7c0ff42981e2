/** JSON views of records shared by several families (a device is listed by devices and products routes). */
import type { DeviceRecord, VariableValue } from "../store/types.js"

export const varType = (v: VariableValue): string =>
  typeof v === "boolean" ? "bool" : typeof v === "string" ? "string" : Number.isInteger(v) ? "int32" : "double"

export const deviceJson = (d: DeviceRecord, o: { product?: boolean; full?: boolean } = {}): Record<string, unknown> => {
  const variables = Object.create(null) as Record<string, string>
  for (const [k, v] of Object.entries(d.variables)) variables[k] = varType(v)
  const out: Record<string, unknown> = {
    id: d.id,
    name: d.name,
    last_ip_address: d.lastIp,
    last_heard: d.lastHeard,
    last_handshake_at: d.lastHandshakeAt,
    product_id: d.productId ?? d.platformId,
    online: d.online,
    connected: d.online,
    platform_id: d.platformId,
    cellular: d.cellular,
    notes: d.notes,
    functions: Object.keys(d.functions),
    variables,
    status: "normal",
    serial_number: d.serialNumber,
    system_firmware_version: d.systemFirmwareVersion,
    firmware_updates_enabled: d.firmwareUpdatesEnabled,
    firmware_updates_forced: d.firmwareUpdatesForced,
    device_protection: { status: "disabled" }
  }
  if (d.cellular) {
    out["iccid"] = d.iccid
    out["imei"] = d.imei
  } else {
    out["mac_wifi"] = `00:00:00:${d.id.slice(-6, -4)}:${d.id.slice(-4, -2)}:${d.id.slice(-2)}`.toUpperCase()
  }
  if (o.full) {
    out["owner"] = d.owner ?? null
    out["mobile_secret"] = ("SIM" + d.id.slice(-12)).toUpperCase()
  }
  if (d.productId !== undefined) {
    out["firmware_product_id"] = d.productId
    out["groups"] = d.groups
    out["firmware_version"] = d.firmwareVersion
    out["desired_firmware_version"] = d.desiredFirmwareVersion
    out["targeted_firmware_release_version"] = d.desiredFirmwareVersion ?? null
    out["development"] = d.development
    out["quarantined"] = d.quarantined
    out["denied"] = false
    if (o.product && d.owner !== undefined) out["owner"] = d.owner
  }
  return out
}
