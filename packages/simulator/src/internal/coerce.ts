/** Reading loosely typed request values (form strings, JSON values, repeated keys) as Particle's API does. */

export const nowIso = (): string => new Date().toISOString()

export const first = (v: unknown): string | undefined => {
  if (Array.isArray(v)) return v.length > 0 ? String(v[0]) : undefined
  if (v === undefined || v === null) return undefined
  if (typeof v === "object") return undefined
  return String(v)
}

export const asBool = (v: unknown): boolean | undefined => {
  const s = first(v)
  if (s === undefined) return undefined
  if (s === "true" || s === "1") return true
  if (s === "false" || s === "0" || s === "") return false
  return undefined
}

export const asInt = (v: unknown): number | undefined => {
  const s = first(v)
  if (s === undefined || s === "") return undefined
  const n = Number(s)
  return Number.isFinite(n) ? Math.trunc(n) : undefined
}

export const asStringList = (v: unknown): Array<string> | undefined => {
  if (v === undefined || v === null) return undefined
  if (Array.isArray(v)) return v.flatMap((x) => String(x).split(",")).map((s) => s.trim()).filter((s) => s.length > 0)
  if (typeof v === "object") return Object.values(v as object).map(String)
  return String(v).split(",").map((s) => s.trim()).filter((s) => s.length > 0)
}

export const slugify = (s: string): string =>
  s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "client"
