/** Firmware family: cloud compile, binary download, build targets, Device OS versions. */
import { asBool, asInt, first } from "../coerce.js"
import { type AuthedCtx, publicRoute, type RouteTable } from "../context.js"
import { errB, ok, type Reply } from "../reply.js"

const VERSIONS = ["6.2.1", "6.1.1", "5.8.0", "4.2.0", "2.3.1"]
const PLATFORMS: Record<string, number> = {
  Photon: 6,
  P1: 8,
  Electron: 10,
  Argon: 12,
  Boron: 13,
  BSoM: 23,
  B5SoM: 25,
  P2: 32
}
const targetsFor = (
  v: string
) => (v.startsWith("2.") ? [6, 8, 10, 12, 13, 23, 25] : v.startsWith("4.") ? [12, 13, 23, 25, 32] : [13, 23, 25, 32])

const compile = (ctx: AuthedCtx): Reply => {
  if (ctx.bodyKind !== "multipart") return errB(400, "Compile requests must be multipart/form-data")
  const files = (ctx.parts ?? []).filter((p) => p.filename !== undefined)
  if (files.length === 0) return { status: 400, json: { ok: false, errors: ["No source files were sent"] } }
  const errors: Array<string> = []
  for (const f of files) {
    Buffer.from(f.data).toString("utf8").split("\n").forEach((l, i) => {
      if (/^\s*#error\b/.test(l)) {
        errors.push(`${f.filename}:${i + 1}:2: error: #error ${l.replace(/^\s*#error\s*/, "")}`)
      }
    })
  }
  if (errors.length > 0) {
    return { status: 400, json: { ok: false, errors, output: "Compiler failed", stdout: "", error: errors.join("\n") } }
  }
  const target = first(ctx.body["build_target_version"]) ?? "6.2.1"
  const platformId = asInt(ctx.body["platform_id"]) ?? 6
  const header = Buffer.from(`PARTICLE-SIM-BINARY platform=${platformId} target=${target}\n`)
  const data = new Uint8Array(Buffer.concat([header, ...files.map((f) => Buffer.from(f.data))]))
  const b = ctx.store.binaries.add(data, ctx.user.username)
  return ok({
    ok: true,
    binary_id: b.id,
    binary_url: `/v1/binaries/${b.id}`,
    build_target_version: target,
    expires_at: b.expiresAt,
    sizeInfo: `   text\t   data\t    bss\t    dec\t    hex\tfilename\n  ${data.length}\t    952\t   9368\t ${
      data.length + 10320
    }\t  ${(data.length + 10320).toString(16)}\t`
  })
}

/**
 * Device OS releases, newest first. `internal_version` is the module version Device OS reports
 * (major·1000 + minor·100 + patch: 2.3.1 → 2301, as particle-cli's fixtures show); `release_state` is what
 * particle-cli reads (`preview`, `archived`; `ga` otherwise).
 */
const DEVICE_OS: ReadonlyArray<
  { version: string; release_state: "ga" | "preview" | "archived"; platforms: ReadonlyArray<number>; released: string }
> = [
  {
    version: "6.3.0-rc.1",
    release_state: "preview",
    platforms: [13, 23, 25, 32],
    released: "2025-06-02T00:00:00.000Z"
  },
  ...VERSIONS.map((version, i) => ({
    version,
    release_state: "ga" as const,
    platforms: targetsFor(version),
    released: `202${5 - Math.min(i, 4)}-01-15T00:00:00.000Z`
  })),
  { version: "1.5.2", release_state: "archived", platforms: [6, 8, 10, 12, 13], released: "2020-06-01T00:00:00.000Z" }
]

const internalVersion = (v: string): number => {
  const [major = 0, minor = 0, patch = 0] = v.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0)
  return major * 1000 + minor * 100 + patch
}

const osVersionJson = (o: (typeof DEVICE_OS)[number]) => ({
  version: o.version,
  internal_version: internalVersion(o.version),
  release_state: o.release_state,
  base_url: `https://api.particle.io/v1/firmware/device-os/v${o.version}`,
  supported_platforms: [...o.platforms]
})

const DEFAULT_PER_PAGE = 25
const MAX_PER_PAGE = 100

/** `GET /v1/device-os/versions`: `{versions:[…], meta:{page, per_page, total_pages, total}}` (the envelope particle-cli reads). */
const listDeviceOs = (ctx: AuthedCtx): Reply => {
  const pid = asInt(ctx.query["platform_id"])
  const iv = asInt(ctx.query["internal_version"])
  const page = Math.max(1, asInt(ctx.query["page"]) ?? 1)
  const perPage = Math.min(
    MAX_PER_PAGE,
    Math.max(1, asInt(ctx.query["per_page"] ?? ctx.query["perPage"]) ?? DEFAULT_PER_PAGE)
  )
  const all = DEVICE_OS.filter((o) =>
    (pid === undefined || o.platforms.includes(pid)) && (iv === undefined || internalVersion(o.version) === iv)
  )
  return ok({
    versions: all.slice((page - 1) * perPage, page * perPage).map(osVersionJson),
    meta: { page, per_page: perPage, total_pages: Math.ceil(all.length / perPage), total: all.length }
  })
}

/** `GET /v1/device-os/versions/:version[?platform_id]`: by semver or by internal version (particle-cli asks `/4100`). */
const getDeviceOs = (ctx: AuthedCtx): Reply => {
  const pid = asInt(ctx.query["platform_id"])
  const key = ctx.p["version"]!
  const o = DEVICE_OS.find((x) =>
    (x.version === key || String(internalVersion(x.version)) === key) &&
    (pid === undefined || x.platforms.includes(pid))
  )
  if (!o) return errB(404, "Device OS version not found")
  const iv = internalVersion(o.version)
  return ok({
    ...osVersionJson(o),
    platform_id: pid ?? o.platforms[0],
    module_version: iv,
    release_date: o.released,
    modules: []
  })
}

export const registerFirmware = (r: RouteTable): void => {
  r.post("/v1/binaries", compile)
  r.get("/v1/binaries/:binaryId", (ctx) => {
    const b = ctx.store.binaries.get(ctx.p["binaryId"]!)
    if (!b) return errB(404, "Binary not found")
    return { status: 200, raw: b.data, contentType: "application/octet-stream" }
  })
  // no token required since April 2023
  r.get(
    "/v1/build_targets",
    publicRoute((ctx) => {
      const featured = asBool(ctx.query["featured"]) === true
      const versions = featured ? VERSIONS.slice(0, 3) : VERSIONS
      const defaults: Record<string, string> = {}
      for (const id of Object.values(PLATFORMS)) {
        defaults[String(id)] = VERSIONS.find((v) => targetsFor(v).includes(id))!
      }
      return ok({
        targets: versions.map((version) => ({
          platforms: targetsFor(version),
          prereleases: [],
          firmware_vendor: "Particle",
          version
        })),
        platforms: PLATFORMS,
        default_versions: defaults
      })
    })
  )
  r.get("/v1/device-os/versions", listDeviceOs)
  r.get("/v1/device-os/versions/:version", getDeviceOs)
}
