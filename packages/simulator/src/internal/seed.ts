/** The seeded demo fleet (ids, names, groups, tokens), and the minimal state of an unseeded simulator. */
import type { ServiceAgreementRecord } from "./store/billing.js"
import type { Store } from "./store/index.js"
import { mkLibrary } from "./store/libraries.js"
import { defaultProductConfig } from "./store/products.js"
import type { DeviceRecord, SimRecord, VariableValue } from "./store/types.js"

/** The one-time password the simulator accepts for every MFA-enabled user. */
export const MFA_OTP = "123456"

/** Secrets chosen once per simulator, so that seeded tokens stay valid across resets. */
export interface SeedTokens {
  demo: string
  other: string
  clientSecret: string
}

export interface SeedDevice {
  id: string
  name: string
  platformId: number
  online: boolean
  variables: Record<string, VariableValue>
  functions: Array<string>
}

export interface SeedInfo {
  user: { id: string; username: string; password: string; accessToken: string }
  otherUser: {
    id: string
    username: string
    password: string
    accessToken: string
    deviceId: string
    deviceName: string
  }
  mfaUser: { username: string; password: string; otp: string }
  devices: {
    online: SeedDevice
    cellular: SeedDevice
    offline: SeedDevice
    unresponsive: SeedDevice
  }
  allDeviceIds: Array<string>
  product: {
    id: number
    slug: string
    name: string
    deviceIds: Array<string>
    ownedDeviceId: string
    groups: Array<string>
    firmwareVersions: Array<number>
  }
  org: { id: string; slug: string }
  sims: { user: Array<string>; product: Array<string> }
  libraries: Array<string>
  oauthClient: { id: string; secret: string; productId: number }
  integrationId: string
  serialNumber: string
  customer: { email: string; password: string }
  /** Seeded positions of the product devices `fleet-1` … `fleet-4` (`fleet-5` has none), March 2024. */
  locations: { deviceIds: Array<string>; first: string; last: string }
  /** A signed-up account not verified yet, and the token its verification email carries (`POST /v1/user/verify`). */
  unverifiedUser: { id: string; username: string; password: string; verificationToken: string }
  /** A recovery code of the MFA user, for the `urn:custom:recovery-code` grant (single use). */
  mfaRecoveryCode: string
  /** Service agreements (ids) of the demo user, the second user and the org, and a notification of the demo user's. */
  serviceAgreements: { user: string; otherUser: string; org: string; notification: string }
}

/** Positions of the product devices: fleet-1 around Zurich, fleet-2 Paris, fleet-3 Tokyo, fleet-4 Singapore. */
const SEEDED_TRACKS: ReadonlyArray<ReadonlyArray<readonly [string, number, number]>> = [
  [["2024-03-01T08:00:00.000Z", 47.3769, 8.5417], ["2024-03-01T12:00:00.000Z", 47.4502, 8.5618], [
    "2024-03-02T08:00:00.000Z",
    46.948,
    7.4474
  ]],
  [["2024-03-01T09:00:00.000Z", 48.8566, 2.3522], ["2024-03-03T09:00:00.000Z", 48.8049, 2.1204]],
  [["2024-03-01T10:00:00.000Z", 35.6762, 139.6503], ["2024-03-02T10:00:00.000Z", 35.4437, 139.638]],
  [["2024-03-04T10:00:00.000Z", 1.3521, 103.8198]]
]

const DEMO = { username: "demo@particle.sim", password: "demo-password", id: "5f0000000000000000000001" }
const UNVERIFIED = {
  id: "5f0000000000000000000004",
  username: "unverified@particle.sim",
  password: "unverified-password",
  verificationToken: "0e7f1ca7e0000000000000000000000000000001"
}
const MFA_RECOVERY_CODE = "5e1f0000recovery"

const mkSim = (
  iccid: string,
  owner: string,
  productId: number | undefined,
  device: DeviceRecord | undefined
): SimRecord => {
  if (device) device.iccid = iccid
  return {
    iccid,
    owner,
    productId,
    status: "active",
    deviceId: device?.id,
    deviceName: device?.name,
    activatedOn: "2024-01-15T10:00:00.000Z",
    mbLimit: null,
    carrier: "telefonica"
  }
}

const seedDevice = (d: DeviceRecord): SeedDevice => ({
  id: d.id,
  name: d.name,
  platformId: d.platformId,
  online: d.online,
  variables: { ...d.variables },
  functions: Object.keys(d.functions)
})

/** A service agreement as the billing service describes one (docs' developer / enterprise examples). */
const agreement = (
  id: string,
  ownerType: ServiceAgreementRecord["ownerType"],
  ownerId: string
): ServiceAgreementRecord => {
  const developer = ownerType === "user"
  return {
    id,
    ownerType,
    ownerId,
    attributes: {
      owner_id: ownerId,
      owner_type: ownerType,
      name: developer ? "Sandbox" : "Enterprise Plan",
      agreement_type: developer ? "developer" : "enterprise",
      duration: developer ? "monthly" : "annual",
      state: "active",
      starts_on: "2024-01-01",
      ends_on: null,
      current_billing_period_start: "2024-01-01",
      current_billing_period_end: "2024-01-31",
      next_billing_period_start: "2024-02-01",
      pricing_terms: developer
        ? {
          rates: { all_platforms: { duration: "monthly", per_block: 0 }, pricing_model_version: "tier2021.1" },
          device: { name: "commercial_model:developer:device", duration: "monthly", max_devices: 100 },
          messaging: { name: "commercial_model:developer:messaging", duration: "monthly", max_messages: 100000 },
          device_data: {
            uom: "bytes",
            name: "commercial_model:developer:device_data",
            duration: "monthly",
            max_data: 45000000
          }
        }
        : {
          rates: { pricing_model_version: "tier2021.1" },
          device: {
            name: "commercial_model:enterprise:device",
            duration: "monthly",
            wifi: { max_devices: 1500 },
            cellular: { max_devices: 1810 }
          },
          support: { account_rep: "support@particle.sim" }
        }
    }
  }
}

const SEED_NOTIFICATION = "5e000000-0000-4000-8000-000000000001"

/** Fills an empty store with the demo fleet. */
export const seedFleet = (s: Store, tokens: SeedTokens): SeedInfo => {
  const user = s.users.create(DEMO)
  user.accountInfo = { first_name: "Demo", last_name: "User", business_account: false }
  s.users.issueToken({ username: user.username, token: tokens.demo, expiresInSeconds: 0 })
  const other = s.users.create({
    username: "other@particle.sim",
    password: "other-password",
    id: "5f0000000000000000000002"
  })
  s.users.issueToken({ username: other.username, token: tokens.other, expiresInSeconds: 0 })
  s.users.create({ username: "mfa@particle.sim", password: "mfa-password", mfa: true, id: "5f0000000000000000000003" })
  s.users.setRecoveryCodes("mfa@particle.sim", [MFA_RECOVERY_CODE])
  s.users.create({ username: UNVERIFIED.username, password: UNVERIFIED.password, id: UNVERIFIED.id })
  s.users.startVerification(UNVERIFIED.username, UNVERIFIED.verificationToken)

  const org = s.orgs.create({
    id: "5f00000000000000000000a1",
    slug: "sim-org",
    name: "Sim Org",
    members: [user.username]
  })

  const online = s.createDevice({
    owner: user.username,
    id: "e00fce680000000000000001",
    name: "photon-online",
    platformId: 6,
    online: true,
    variables: { temperature: 23.5, count: 42, status: "ready", enabled: true },
    functions: { led: 1, echoLength: (a) => a.length, fail: -1 }
  })
  online.lastApp = "app"
  const cellular = s.createDevice({
    owner: user.username,
    id: "e00fce680000000000000002",
    name: "boron-cellular",
    platformId: 13,
    online: true,
    variables: { battery: 87.5, signal: -71, network: "LTE" },
    functions: { reset: 0 }
  })
  const offline = s.createDevice({
    owner: user.username,
    id: "e00fce680000000000000003",
    name: "argon-offline",
    platformId: 12,
    online: false,
    variables: { temperature: 19.25 },
    functions: { led: 1 }
  })
  const slow = s.createDevice({
    owner: user.username,
    id: "e00fce680000000000000004",
    name: "photon-slow",
    platformId: 6,
    online: true,
    unresponsive: true,
    variables: { temperature: 30 },
    functions: { led: 1 }
  })
  const otherDevice = s.createDevice({
    owner: other.username,
    id: "e00fce6800000000000000ff",
    name: "other-device",
    platformId: 32,
    online: true,
    variables: { secret: 7 }
  })

  const product = s.products.create({
    id: 4242,
    slug: "sim-fleet",
    name: "Sim Fleet",
    platformId: 13,
    owner: user,
    orgId: org.id
  })
  product.description = "Seeded product of the Particle simulator"
  for (const g of ["europe", "asia", "beta"]) s.products.ensureGroup(product, g)
  const productDeviceIds: Array<string> = []
  const groupSets = [["europe"], ["europe", "beta"], ["asia"], ["asia", "beta"], []]
  for (let i = 0; i < 5; i++) {
    const d = s.createDevice({
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
    s.products.addFirmware(product, {
      version: v,
      title: `Firmware v${v}`,
      description: `Seeded firmware ${v}`,
      name: "firmware.bin",
      data,
      uploadedBy: user.username,
      mandatory: false,
      productDefault: v === 1
    })
  }
  s.products.addCustomer(product, "customer@particle.sim", "customer-password")
  product.config = defaultProductConfig()
  SEEDED_TRACKS.forEach((track, i) => {
    for (const [time, lat, lon] of track) {
      s.products.addLocation(product, productDeviceIds[i]!, {
        time,
        lat,
        lon,
        properties: { hd: 1.2, acc_h: 4 + i, speed: 0, temp: 21.5 }
      })
    }
  })

  const userSims = ["8934076500002589174", "89014111111111111111"]
  const productSims = ["89314404000111111111", "89314404000111111112"]
  userSims.forEach((iccid, i) => s.sims.put(mkSim(iccid, user.username, undefined, i === 0 ? cellular : undefined)))
  const fleet = s.devices.inProduct(product.id)
  productSims.forEach((iccid, i) => s.sims.put(mkSim(iccid, user.username, product.id, i === 0 ? fleet[0] : undefined)))

  s.libraries.add(mkLibrary("neopixel", undefined, "public", true, ["0.0.9", "0.0.10"]))
  s.libraries.add(mkLibrary("sim-sensors", user.username, "private", false, ["1.0.0"]))
  s.libraries.add(mkLibrary("onewire", undefined, "public", false, ["2.0.3"]))

  const client = s.clients.create({
    id: "sim-fleet-client-1001",
    name: "Sim Fleet Client",
    type: "installed",
    secret: tokens.clientSecret,
    owner: user.username,
    productId: product.id,
    scope: "*:*"
  })

  const hook = s.integrations.create({
    id: "10001",
    owner: user.username,
    productId: undefined,
    orgId: undefined,
    legacyWebhook: false,
    fields: {
      integration_type: "Webhook",
      event: "temperature",
      url: "https://example.com/hook",
      requestType: "POST",
      name: "temperature hook"
    }
  })

  s.billing.addAgreement(agreement("1001", "user", user.id))
  s.billing.addAgreement(agreement("1002", "user", other.id))
  s.billing.addAgreement(agreement("2001", "organization", org.id))
  s.billing.addNotification({
    id: SEED_NOTIFICATION,
    agreementId: "1001",
    attributes: {
      state: "completed",
      event_name: "developer:usage_activity:automatic_unpause",
      time_period: "2024-01-22",
      created_at: "2024-01-22 00:01:00 +0000",
      updated_at: "2024-01-22 00:01:00 +0000",
      resource_id: "1001",
      resource_type: "ServiceAgreement",
      details: {
        event_type: "automatic_unpause",
        hierarchy_info: { name: "automatic_unpause", priority: 7 },
        next_billing_period_start: "2024-02-01"
      }
    }
  })

  return {
    user: { id: user.id, username: user.username, password: user.password, accessToken: tokens.demo },
    otherUser: {
      id: other.id,
      username: other.username,
      password: other.password,
      accessToken: tokens.other,
      deviceId: otherDevice.id,
      deviceName: otherDevice.name
    },
    mfaUser: { username: "mfa@particle.sim", password: "mfa-password", otp: MFA_OTP },
    devices: {
      online: seedDevice(online),
      cellular: seedDevice(cellular),
      offline: seedDevice(offline),
      unresponsive: seedDevice(slow)
    },
    allDeviceIds: [online.id, cellular.id, offline.id, slow.id, ...productDeviceIds.slice(0, 1)],
    product: {
      id: product.id,
      slug: product.slug,
      name: product.name,
      deviceIds: productDeviceIds,
      ownedDeviceId: productDeviceIds[0]!,
      groups: ["europe", "asia", "beta"],
      firmwareVersions: [1, 2]
    },
    org: { id: org.id, slug: org.slug },
    sims: { user: userSims, product: productSims },
    libraries: ["neopixel", "sim-sensors", "onewire"],
    oauthClient: { id: client.id, secret: client.secret, productId: product.id },
    integrationId: hook.id,
    serialNumber: online.serialNumber,
    customer: { email: "customer@particle.sim", password: "customer-password" },
    locations: {
      deviceIds: productDeviceIds.slice(0, 4),
      first: "2024-03-01T08:00:00.000Z",
      last: "2024-03-04T10:00:00.000Z"
    },
    unverifiedUser: { ...UNVERIFIED },
    mfaRecoveryCode: MFA_RECOVERY_CODE,
    serviceAgreements: { user: "1001", otherUser: "1002", org: "2001", notification: SEED_NOTIFICATION }
  }
}

/** An unseeded simulator still has one ready user, so that `accessToken` works. */
export const seedMinimal = (s: Store, tokens: SeedTokens): SeedInfo => {
  const u = s.users.create(DEMO)
  s.users.issueToken({ username: u.username, token: tokens.demo, expiresInSeconds: 0 })
  const empty: SeedDevice = { id: "", name: "", platformId: 0, online: false, variables: {}, functions: [] }
  return {
    user: { id: u.id, username: u.username, password: u.password, accessToken: tokens.demo },
    otherUser: { id: "", username: "", password: "", accessToken: "", deviceId: "", deviceName: "" },
    mfaUser: { username: "", password: "", otp: "" },
    devices: { online: empty, cellular: empty, offline: empty, unresponsive: empty },
    allDeviceIds: [],
    product: { id: 0, slug: "", name: "", deviceIds: [], ownedDeviceId: "", groups: [], firmwareVersions: [] },
    org: { id: "", slug: "" },
    sims: { user: [], product: [] },
    libraries: [],
    oauthClient: { id: "", secret: "", productId: 0 },
    integrationId: "",
    serialNumber: "",
    customer: { email: "", password: "" },
    locations: { deviceIds: [], first: "", last: "" },
    unverifiedUser: { id: "", username: "", password: "", verificationToken: "" },
    mfaRecoveryCode: "",
    serviceAgreements: { user: "", otherUser: "", org: "", notification: "" }
  }
}
