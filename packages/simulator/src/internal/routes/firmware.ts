/** Firmware family: cloud compile, binary download, build targets, Device OS versions. */
import { asBool, asInt, first } from "../coerce.js"
import { publicRoute, type AuthedCtx, type RouteTable } from "../context.js"
import { errB, ok, type Reply } from "../reply.js"

const VERSIONS = ["6.2.1", "6.1.1", "5.8.0", "4.2.0", "2.3.1"]
const PLATFORMS: Record<string, number> = { Photon: 6, P1: 8, Electron: 10, Argon: 12, Boron: 13, BSoM: 23, B5SoM: 25, P2: 32 }
const targetsFor = (v: string) => (v.startsWith("2.") ? [6, 8, 10, 12, 13, 23, 25] : v.startsWith("4.") ? [12, 13, 23, 25, 32] : [13, 23, 25, 32])

const compile = (ctx: AuthedCtx): Reply => {
  if (ctx.bodyKind !== "multipart") return errB(400, "Compile requests must be multipart/form-data")
  const files = (ctx.parts ?? []).filter((p) => p.filename !== undefined)
  if (files.length === 0) return { status: 400, json: { ok: false, errors: ["No source files were sent"] } }
  const errors: Array<string> = []
  for (const f of files) {
    Buffer.from(f.data).toString("utf8").split("\n").forEach((l, i) => {
      if (/^\s*#error\b/.test(l)) errors.push(`${f.filename}:${i + 1}:2: error: #error ${l.replace(/^\s*#error\s*/, "")}`)
    })
  }
  if (errors.length > 0) return { status: 400, json: { ok: false, errors, output: "Compiler failed", stdout: "", error: errors.join("\n") } }
  const target = first(ctx.body["build_target_version"]) ?? "6.2.1"
  const platformId = asInt(ctx.body["platform_id"]) ?? 6
  const header = Buffer.from(`PARTICLE-SIM-BINARY platform=${platformId} target=${target}\n`)
  const data = new Uint8Array(Buffer.concat([header, ...files.map((f) => Buffer.from(f.data))]))
  const b = ctx.store.binaries.add(data, ctx.user.username)
  return ok({
    ok: true, binary_id: b.id, binary_url: `/v1/binaries/${b.id}`, build_target_version: target, expires_at: b.expiresAt,
    sizeInfo: `   text\t   data\t    bss\t    dec\t    hex\tfilename\n  ${data.length}\t    952\t   9368\t ${data.length + 10320}\t  ${(data.length + 10320).toString(16)}\t`
  })
}

const osVersions = () => VERSIONS.flatMap((version, i) => targetsFor(version).map((platform_id) => ({
  version, platform_id, internal_version: 6000 - i * 100, release_date: `202${5 - Math.min(i, 4)}-01-15T00:00:00.000Z`, module_version: 6000 - i * 100
})))

export const registerFirmware = (r: RouteTable): void => {
  r.post("/v1/binaries", compile)
  r.get("/v1/binaries/:binaryId", (ctx) => {
    const b = ctx.store.binaries.get(ctx.p["binaryId"]!)
    if (!b) return errB(404, "Binary not found")
    return { status: 200, raw: b.data, contentType: "application/octet-stream" }
  })
  // no token required since April 2023
  r.get("/v1/build_targets", publicRoute((ctx) => {
    const featured = asBool(ctx.query["featured"]) === true
    const versions = featured ? VERSIONS.slice(0, 3) : VERSIONS
    const defaults: Record<string, string> = {}
    for (const id of Object.values(PLATFORMS)) defaults[String(id)] = VERSIONS.find((v) => targetsFor(v).includes(id))!
    return ok({
      targets: versions.map((version) => ({ platforms: targetsFor(version), prereleases: [], firmware_vendor: "Particle", version })),
      platforms: PLATFORMS,
      default_versions: defaults
    })
  }))
  r.get("/v1/device-os/versions", (ctx) => {
    const pid = asInt(ctx.query["platform_id"])
    const iv = asInt(ctx.query["internal_version"])
    const page = Math.max(1, asInt(ctx.query["page"]) ?? 1)
    const perPage = Math.max(1, asInt(ctx.query["per_page"] ?? ctx.query["perPage"]) ?? 100)
    const list = osVersions().filter((v) => (pid === undefined || v.platform_id === pid) && (iv === undefined || v.internal_version === iv))
    return ok(list.slice((page - 1) * perPage, page * perPage))
  })
  r.get("/v1/device-os/versions/:version", (ctx) => {
    const pid = asInt(ctx.query["platform_id"])
    const v = osVersions().find((x) => x.version === ctx.p["version"] && (pid === undefined || x.platform_id === pid))
    if (!v) return errB(404, "Device OS version not found")
    return ok(v)
  })
}
