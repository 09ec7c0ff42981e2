import { createHash } from "node:crypto"
import { deviceId as newDeviceId, nowIso, objectId, randomToken } from "./util.js"

export type VariableValue = number | string | boolean
export type FunctionBehaviour = number | ((arg: string) => number)

export interface DeviceRecord {
  id: string
  name: string
  owner: string | undefined
  platformId: number
  productId: number | undefined
  online: boolean
  unresponsive: boolean
  variables: Record<string, VariableValue>
  functions: Record<string, FunctionBehaviour>
  groups: Array<string>
  notes: string | null
  serialNumber: string
  iccid: string | undefined
  imei: string | undefined
  cellular: boolean
  systemFirmwareVersion: string
  firmwareVersion: number | null
  desiredFirmwareVersion: number | null
  development: boolean
  quarantined: boolean
  firmwareUpdatesEnabled: boolean
  firmwareUpdatesForced: boolean
  lastHeard: string
  lastHandshakeAt: string
  lastApp: string
  lastIp: string
}

export interface UserRecord {
  id: string
  username: string
  password: string
  mfa: boolean
  accountInfo: Record<string, unknown>
}

export interface TokenRecord {
  token: string
  username: string
  expiresAt: number | null
  client: string
  scopes: Array<string>
  customerOf?: number
}

export interface RefreshRecord {
  refreshToken: string
  username: string
  client: string
  expiresAt: number
  scopes: Array<string>
}

export interface ProductRecord {
  id: number
  slug: string
  name: string
  platformId: number
  description: string
  orgId: string | undefined
  devices: Array<DeviceRecord>
  groups: Map<string, { name: string; description: string; color: string; fw_version: number | null }>
  team: Array<Record<string, unknown> & { username: string }>
  customers: Map<string, { id: string; username: string; password: string | undefined; devices: Array<string> }>
  firmware: Map<number, ProductFirmwareRecord>
  config: Record<string, unknown> | undefined
  deviceConfig: Map<string, Record<string, unknown>>
}

export interface ProductFirmwareRecord {
  _id: string
  version: number
  title: string
  description: string
  name: string
  size: number
  product_default: boolean
  uploaded_on: string
  product_id: number
  uploaded_by: { username: string }
  groups: Array<string>
  mandatory: boolean
  data: Uint8Array
}

export interface OrgRecord { id: string; slug: string; name: string; members: Array<string> }

export interface SimRecord {
  iccid: string
  owner: string | undefined
  productId: number | undefined
  status: string
  deviceId: string | undefined
  deviceName: string | undefined
  activatedOn: string
  mbLimit: number | null
  carrier: string
}

export interface LibraryVersion { version: string; archive: Uint8Array; created: string; attributes: Record<string, unknown> }
export interface LibraryRecord {
  name: string
  owner: string | undefined
  visibility: "public" | "private"
  official: boolean
  verified: boolean
  installs: number
  versions: Array<LibraryVersion>
}

export interface IntegrationRecord {
  id: string
  owner: string
  productId: number | undefined
  orgId: string | undefined
  legacyWebhook: boolean
  fields: Record<string, unknown>
  created_at: string
}

export interface ClientRecord {
  id: string
  name: string
  type: string
  secret: string
  redirect_uri?: string
  scope?: string
  owner: string
  productId: number | undefined
}

export interface BinaryRecord { id: string; data: Uint8Array; owner: string; expiresAt: string }

export interface DiagnosticRecord { updated_at: string; deviceID: string; payload: Record<string, unknown> }

export interface SeedInfo {
  user: { id: string; username: string; password: string; accessToken: string }
  otherUser: { id: string; username: string; password: string; accessToken: string; deviceId: string; deviceName: string }
  mfaUser: { username: string; password: string; otp: string }
  devices: {
    online: SeedDevice
    cellular: SeedDevice
    offline: SeedDevice
    unresponsive: SeedDevice
  }
  allDeviceIds: Array<string>
  product: { id: number; slug: string; name: string; deviceIds: Array<string>; ownedDeviceId: string; groups: Array<string>; firmwareVersions: Array<number> }
  org: { id: string; slug: string }
  sims: { user: Array<string>; product: Array<string> }
  libraries: Array<string>
  oauthClient: { id: string; secret: string; productId: number }
  integrationId: string
  serialNumber: string
  customer: { email: string; password: string }
}

export interface SeedDevice {
  id: string
  name: string
  platformId: number
  online: boolean
  variables: Record<string, VariableValue>
  functions: Array<string>
}

export const platformName: Record<number, string> = {
  0: "Core", 6: "Photon", 8: "P1", 10: "Electron", 12: "Argon", 13: "Boron", 14: "Xenon", 23: "BSoM", 25: "B5SoM", 32: "P2"
}

const cellularPlatforms = new Set([10, 13, 23, 25])

export interface CreateDeviceInput {
  owner?: string | undefined
  id?: string | undefined
  name: string
  platformId?: number | undefined
  online?: boolean | undefined
  productId?: number | undefined
  groups?: Array<string> | undefined
  variables?: Record<string, VariableValue> | undefined
  functions?: Record<string, FunctionBehaviour> | undefined
  unresponsive?: boolean | undefined
}

/** The in-memory Particle Cloud state. */
export class Store {
  users = new Map<string, UserRecord>()
  tokens = new Map<string, TokenRecord>()
  refreshTokens = new Map<string, RefreshRecord>()
  mfaTokens = new Map<string, { username: string; expiresAt: number }>()
  devices = new Map<string, DeviceRecord>()
  devicesByOwner = new Map<string, Map<string, DeviceRecord>>()
  serials = new Map<string, DeviceRecord>()
  products = new Map<number, ProductRecord>()
  productsBySlug = new Map<string, ProductRecord>()
  orgs = new Map<string, OrgRecord>()
  sims = new Map<string, SimRecord>()
  libraries = new Map<string, LibraryRecord>()
  integrations = new Map<string, IntegrationRecord>()
  clients = new Map<string, ClientRecord>()
  binaries = new Map<string, BinaryRecord>()
  diagnostics = new Map<string, Array<DiagnosticRecord>>()
  integrationCounter = 10000
  clientCounter = 1000
  /** per store instance, so a reset (a new Store) gives the seeded devices the same serial numbers again */
  serialCounter = 0
  productCounter = 5000

  /** A numeric integration id that no integration (seeded ones included) has. */
  newIntegrationId(): string {
    let id: string
    do {
      id = String(++this.integrationCounter)
    } while (this.integrations.has(id))
    return id
  }

  // ---- users & tokens ----
  createUser(o: { username: string; password: string; mfa?: boolean | undefined; id?: string }): UserRecord {
    const u: UserRecord = {
      id: o.id ?? objectId(),
      username: o.username,
      password: o.password,
      mfa: o.mfa === true,
      accountInfo: { first_name: "", last_name: "", business_account: false }
    }
    this.users.set(o.username, u)
    return u
  }

  issueToken(o: { username: string; expiresInSeconds?: number | null | undefined; client?: string; scopes?: Array<string>; token?: string }): TokenRecord {
    const token = o.token ?? randomToken()
    const exp = o.expiresInSeconds === undefined ? 7_776_000 : o.expiresInSeconds
    const rec: TokenRecord = {
      token,
      username: o.username,
      expiresAt: exp === null || exp === 0 ? null : Date.now() + exp * 1000,
      client: o.client ?? "particle",
      scopes: o.scopes ?? []
    }
    this.tokens.set(token, rec)
    return rec
  }

  // ---- devices ----
  createDevice(o: CreateDeviceInput): DeviceRecord {
    const platformId = o.platformId ?? 6
    const id = (o.id ?? newDeviceId()).toLowerCase()
    const now = nowIso()
    const cellular = cellularPlatforms.has(platformId)
    const serialCounter = ++this.serialCounter
    const d: DeviceRecord = {
      id,
      name: o.name,
      owner: o.owner,
      platformId,
      productId: o.productId,
      online: o.online ?? true,
      unresponsive: o.unresponsive ?? false,
      variables: o.variables ?? {},
      functions: o.functions ?? {},
      groups: o.groups ?? [],
      notes: null,
      serialNumber: `SIM${platformId.toString().padStart(3, "0")}${serialCounter.toString(36).toUpperCase().padStart(9, "0")}`,
      iccid: cellular ? `8934076500${id.slice(-9).replace(/[a-f]/g, "0")}` : undefined,
      imei: cellular ? `35752000${serialCounter.toString().padStart(7, "0").slice(-7)}` : undefined,
      cellular,
      systemFirmwareVersion: "5.8.0",
      firmwareVersion: o.productId !== undefined ? 1 : null,
      desiredFirmwareVersion: null,
      development: false,
      quarantined: false,
      firmwareUpdatesEnabled: true,
      firmwareUpdatesForced: false,
      lastHeard: now,
      lastHandshakeAt: now,
      lastApp: "",
      lastIp: "127.0.0.1"
    }
    const old = this.devices.get(id)
    if (old) this.removeDevice(old)
    this.devices.set(id, d)
    this.serials.set(d.serialNumber, d)
    if (d.owner !== undefined) this.ownerIndex(d.owner).set(id, d)
    if (d.productId !== undefined) {
      const p = this.products.get(d.productId)
      if (p) {
        p.devices.push(d)
        for (const g of d.groups) this.ensureGroup(p, g)
      }
    }
    return d
  }

  ownerIndex(username: string): Map<string, DeviceRecord> {
    let m = this.devicesByOwner.get(username)
    if (!m) {
      m = new Map()
      this.devicesByOwner.set(username, m)
    }
    return m
  }

  setOwner(d: DeviceRecord, owner: string | undefined): void {
    if (d.owner !== undefined) this.devicesByOwner.get(d.owner)?.delete(d.id)
    d.owner = owner
    if (owner !== undefined) this.ownerIndex(owner).set(d.id, d)
  }

  removeFromProduct(d: DeviceRecord): void {
    if (d.productId === undefined) return
    const p = this.products.get(d.productId)
    if (p) {
      const i = p.devices.indexOf(d)
      if (i !== -1) p.devices.splice(i, 1)
    }
    d.productId = undefined
    d.groups = []
  }

  addToProduct(d: DeviceRecord, p: ProductRecord): void {
    if (d.productId === p.id) return
    this.removeFromProduct(d)
    d.productId = p.id
    d.firmwareVersion = d.firmwareVersion ?? 1
    p.devices.push(d)
  }

  removeDevice(d: DeviceRecord): void {
    this.removeFromProduct(d)
    this.setOwner(d, undefined)
    this.devices.delete(d.id)
    this.serials.delete(d.serialNumber)
  }

  /** User-scope lookup by id or name among the devices the user owns. */
  findUserDevice(username: string, idOrName: string): DeviceRecord | undefined {
    const own = this.devicesByOwner.get(username)
    if (!own) return undefined
    const byId = own.get(idOrName.toLowerCase())
    if (byId) return byId
    for (const d of own.values()) if (d.name === idOrName) return d
    return undefined
  }

  // ---- products ----
  findProduct(idOrSlug: string): ProductRecord | undefined {
    if (/^\d+$/.test(idOrSlug)) return this.products.get(Number(idOrSlug))
    return this.productsBySlug.get(idOrSlug)
  }

  createProduct(o: { id?: number; slug?: string; name: string; platformId: number; owner: string; orgId?: string }): ProductRecord {
    const id = o.id ?? ++this.productCounter
    const p: ProductRecord = {
      id,
      slug: o.slug ?? `${o.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-v${id}`,
      name: o.name,
      platformId: o.platformId,
      description: "",
      orgId: o.orgId,
      devices: [],
      groups: new Map(),
      team: [{ _id: this.users.get(o.owner)?.id ?? objectId(), username: o.owner, role: { id: "000000000000000000000002", name: "Administrator" } }],
      customers: new Map(),
      firmware: new Map(),
      config: undefined,
      deviceConfig: new Map()
    }
    this.products.set(id, p)
    this.productsBySlug.set(p.slug, p)
    return p
  }

  ensureGroup(p: ProductRecord, name: string): void {
    if (!p.groups.has(name)) p.groups.set(name, { name, description: "", color: "#34495e", fw_version: null })
  }

  isTeamMember(p: ProductRecord, username: string): boolean {
    if (p.team.some((m) => m.username === username)) return true
    if (p.orgId !== undefined) {
      const org = this.orgs.get(p.orgId)
      if (org && org.members.includes(username)) return true
    }
    return false
  }

  findOrg(idOrSlug: string): OrgRecord | undefined {
    const byId = this.orgs.get(idOrSlug)
    if (byId) return byId
    for (const o of this.orgs.values()) if (o.slug === idOrSlug) return o
    return undefined
  }

  // ---- seed ----
  seed(tokens: SeedTokens): SeedInfo {
    const user = this.createUser({ username: "demo@particle.sim", password: "demo-password", id: "5f0000000000000000000001" })
    user.accountInfo = { first_name: "Demo", last_name: "User", business_account: false }
    this.issueToken({ username: user.username, token: tokens.demo, expiresInSeconds: 0 })
    const other = this.createUser({ username: "other@particle.sim", password: "other-password", id: "5f0000000000000000000002" })
    this.issueToken({ username: other.username, token: tokens.other, expiresInSeconds: 0 })
    this.createUser({ username: "mfa@particle.sim", password: "mfa-password", mfa: true, id: "5f0000000000000000000003" })

    const org: OrgRecord = { id: "5f00000000000000000000a1", slug: "sim-org", name: "Sim Org", members: [user.username] }
    this.orgs.set(org.id, org)

    const online = this.createDevice({
      owner: user.username, id: "e00fce680000000000000001", name: "photon-online", platformId: 6, online: true,
      variables: { temperature: 23.5, count: 42, status: "ready", enabled: true },
      functions: { led: 1, echoLength: (a) => a.length, fail: -1 }
    })
    online.lastApp = "app"
    const cellular = this.createDevice({
      owner: user.username, id: "e00fce680000000000000002", name: "boron-cellular", platformId: 13, online: true,
      variables: { battery: 87.5, signal: -71, network: "LTE" },
      functions: { reset: 0 }
    })
    const offline = this.createDevice({
      owner: user.username, id: "e00fce680000000000000003", name: "argon-offline", platformId: 12, online: false,
      variables: { temperature: 19.25 }, functions: { led: 1 }
    })
    const slow = this.createDevice({
      owner: user.username, id: "e00fce680000000000000004", name: "photon-slow", platformId: 6, online: true, unresponsive: true,
      variables: { temperature: 30 }, functions: { led: 1 }
    })
    const otherDevice = this.createDevice({ owner: other.username, id: "e00fce6800000000000000ff", name: "other-device", platformId: 32, online: true, variables: { secret: 7 } })

    const product = this.createProduct({ id: 4242, slug: "sim-fleet", name: "Sim Fleet", platformId: 13, owner: user.username, orgId: org.id })
    product.description = "Seeded product of the Particle simulator"
    for (const g of ["europe", "asia", "beta"]) this.ensureGroup(product, g)
    const productDeviceIds: Array<string> = []
    const groupSets = [["europe"], ["europe", "beta"], ["asia"], ["asia", "beta"], []]
    for (let i = 0; i < 5; i++) {
      const d = this.createDevice({
        id: `e00fce6800000000000010${i.toString(16).padStart(2, "0")}`,
        name: `fleet-${i + 1}`,
        platformId: 13,
        online: i % 2 === 0,
        productId: product.id,
        groups: groupSets[i]!,
        owner: i === 0 ? user.username : undefined,
        variables: { uptime: 1000 * (i + 1), version: "1.0.0" },
        functions: { reboot: 1 }
      })
      productDeviceIds.push(d.id)
    }
    for (const v of [1, 2]) {
      const data = new TextEncoder().encode(`SIM-PRODUCT-FIRMWARE-v${v}`)
      product.firmware.set(v, {
        _id: objectId(), version: v, title: `Firmware v${v}`, description: `Seeded firmware ${v}`, name: "firmware.bin",
        size: data.length, product_default: v === 1, uploaded_on: nowIso(), product_id: product.id,
        uploaded_by: { username: user.username }, groups: [], mandatory: false, data
      })
    }
    product.customers.set("customer@particle.sim", { id: objectId(), username: "customer@particle.sim", password: "customer-password", devices: [] })

    const userSims = ["8934076500002589174", "89014111111111111111"]
    const productSims = ["89314404000111111111", "89314404000111111112"]
    for (const [i, iccid] of userSims.entries()) {
      this.sims.set(iccid, mkSim(iccid, user.username, undefined, i === 0 ? cellular : undefined))
    }
    for (const [i, iccid] of productSims.entries()) {
      this.sims.set(iccid, mkSim(iccid, user.username, product.id, i === 0 ? product.devices[0] : undefined))
    }

    this.libraries.set("neopixel", mkLibrary("neopixel", undefined, "public", true, ["0.0.9", "0.0.10"]))
    this.libraries.set("sim-sensors", mkLibrary("sim-sensors", user.username, "private", false, ["1.0.0"]))
    this.libraries.set("onewire", mkLibrary("onewire", undefined, "public", false, ["2.0.3"]))

    const client: ClientRecord = { id: "sim-fleet-client-1001", name: "Sim Fleet Client", type: "installed", secret: tokens.clientSecret, owner: user.username, productId: product.id, scope: "*:*" }
    this.clients.set(client.id, client)

    const hook: IntegrationRecord = {
      id: "10001", owner: user.username, productId: undefined, orgId: undefined, legacyWebhook: false, created_at: nowIso(),
      fields: { integration_type: "Webhook", event: "temperature", url: "https://example.com/hook", requestType: "POST", name: "temperature hook" }
    }
    this.integrations.set(hook.id, hook)

    const seedDev = (d: DeviceRecord): SeedDevice => ({ id: d.id, name: d.name, platformId: d.platformId, online: d.online, variables: { ...d.variables }, functions: Object.keys(d.functions) })
    return {
      user: { id: user.id, username: user.username, password: user.password, accessToken: tokens.demo },
      otherUser: { id: other.id, username: other.username, password: other.password, accessToken: tokens.other, deviceId: otherDevice.id, deviceName: otherDevice.name },
      mfaUser: { username: "mfa@particle.sim", password: "mfa-password", otp: MFA_OTP },
      devices: { online: seedDev(online), cellular: seedDev(cellular), offline: seedDev(offline), unresponsive: seedDev(slow) },
      allDeviceIds: [online.id, cellular.id, offline.id, slow.id, ...productDeviceIds.slice(0, 1)],
      product: { id: product.id, slug: product.slug, name: product.name, deviceIds: productDeviceIds, ownedDeviceId: productDeviceIds[0]!, groups: ["europe", "asia", "beta"], firmwareVersions: [1, 2] },
      org: { id: org.id, slug: org.slug },
      sims: { user: userSims, product: productSims },
      libraries: ["neopixel", "sim-sensors", "onewire"],
      oauthClient: { id: client.id, secret: client.secret, productId: product.id },
      integrationId: hook.id,
      serialNumber: online.serialNumber,
      customer: { email: "customer@particle.sim", password: "customer-password" }
    }
  }
}

export interface SeedTokens { demo: string; other: string; clientSecret: string }

/** The one-time password the simulator accepts for every MFA-enabled user. */
export const MFA_OTP = "123456"

const mkSim = (iccid: string, owner: string | undefined, productId: number | undefined, device: DeviceRecord | undefined): SimRecord => {
  const s: SimRecord = {
    iccid, owner, productId, status: "active", deviceId: device?.id, deviceName: device?.name,
    activatedOn: "2024-01-15T10:00:00.000Z", mbLimit: null, carrier: "telefonica"
  }
  if (device) device.iccid = iccid
  return s
}

export const mkLibrary = (name: string, owner: string | undefined, visibility: "public" | "private", official: boolean, versions: Array<string>): LibraryRecord => ({
  name, owner, visibility, official, verified: official, installs: official ? 9125 : 12,
  versions: versions.map((version) => ({
    version,
    created: "2024-01-01T00:00:00.000Z",
    archive: fakeTarGz(name, version),
    attributes: {
      license: "MIT", author: "Particle Simulator", sentence: `The ${name} library`, paragraph: null, category: "Other",
      url: `https://github.com/example/${name}`, repository: `example/${name}`, architectures: [], dependencies: null
    }
  }))
})

/** Not a real tarball: deterministic bytes starting with the gzip magic, enough for download tests. */
export const fakeTarGz = (name: string, version: string): Uint8Array => {
  const body = new TextEncoder().encode(`${name}@${version}`)
  const out = new Uint8Array(body.length + 2)
  out[0] = 0x1f
  out[1] = 0x8b
  out.set(body, 2)
  return out
}

export const sha256 = (data: Uint8Array): string => createHash("sha256").update(data).digest("hex")
