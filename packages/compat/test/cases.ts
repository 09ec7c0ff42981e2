/**
 * The one table of the differential test: every particle-api-js 12.0.3 endpoint method, its generic
 * methods and the names 12.0.3 dropped, called with the same arguments on particle-api-js and on the
 * facade. A case may declare the documented improvements that make its request (or its result) differ;
 * everything else must be identical.
 */
import type { Simulator } from "@effect-particle/simulator"
import { createReadStream } from "node:fs"
import { eventually, http, libraryArchive, logicCode } from "./support/fixture.js"

/** What a case's arguments may use. */
export interface Fx {
  /** `"request"`: against the recorder; `"result"`: against the simulator */
  readonly phase: "request" | "result"
  /** the server both clients talk to */
  readonly base: string
  /** another origin on 127.0.0.1 (a second recorder): a "foreign host" */
  readonly foreign: string
  readonly token: string
  readonly seed: Simulator.SeedInfo
  readonly sim: Simulator.SimulatorHandle
  readonly disk: { readonly source: string; readonly header: string }
  /** what the case's `prepare` made on the simulator */
  readonly extra: Record<string, any>
}

/** The documented improvements a request may show (README "Differences on the wire"). */
export type RequestDifference =
  | "no-token-without-auth-option"
  | "no-token-to-foreign-host"
  | "path-encoded"
  | "event-stream-accept"
  | "no-otp-in-url"
  | "context-not-mutated"
  | "headers-not-mutated"
  | "base-url-trailing-slash"

/** The documented improvements a result may show (README "Differences in results"). */
export type ResultDifference =
  | "empty-2xx-accepted"
  | "error-text-kept"
  | "rejects-not-throws"
  | "refusal-with-fields"
  | "token-scrubbed-from-errors"

export interface Case {
  /** unique label */
  readonly name: string
  /** the facade method the case covers */
  readonly method: string
  readonly kind: "endpoint" | "generic" | "dropped"
  readonly args?: (fx: Fx) => any
  /** constructor options of both clients besides `baseUrl` */
  readonly instance?: (fx: Fx) => Record<string, unknown>
  /** how both clients are called (default `client[method](args)`) */
  readonly run?: (client: any, args: any, fx: Fx) => Promise<unknown>
  /** how particle-api-js 12.0.3 sends it, where it lacks the method (default `run`) */
  readonly reference?: (official: any, args: any, fx: Fx) => Promise<unknown>
  /** header names the case passes in `headers` (compared too) */
  readonly headers?: ReadonlyArray<string>
  readonly requestDiffers?: ReadonlyArray<RequestDifference>
  /** state the case needs on the simulator (run after each reset) */
  readonly prepare?: (sim: Simulator.SimulatorHandle, fx: Fx) => Promise<Record<string, unknown>>
  /** `false`: a request-only variant (another case compares the method's result) */
  readonly result?: false | { readonly differs?: ResultDifference }
  /** uploads a file by its path: Node only (the browser entry has no file system) */
  readonly nodeOnly?: true
  /** applied to both results before comparing (for what the simulator orders by time) */
  readonly normalise?: (result: any) => unknown
}

const P = (fx: Fx) => fx.seed.product
const online = (fx: Fx) => fx.seed.devices.online.id
const a = (fx: Fx) => ({ auth: fx.token })

const newToken = (sim: Simulator.SimulatorHandle) => sim.createToken({ username: sim.seed.user.username })

const createLogicFunction = async (sim: Simulator.SimulatorHandle, org?: string) => {
  const r = await http(sim, "POST", `${org ? `/v1/orgs/${org}` : "/v1"}/logic/functions`, {
    json: {
      logic_function: {
        name: "compat fn",
        source: { type: "JavaScript", code: logicCode },
        logic_triggers: [{ type: "Event", event_name: "temperature", product_id: sim.seed.product.id }]
      }
    }
  })
  return r.body.logic_function.id as string
}

/** A Logic function that ran once (an event triggered it), and its run. */
const logicRun = async (sim: Simulator.SimulatorHandle) => {
  const fn = await createLogicFunction(sim)
  sim.publish({ deviceId: sim.seed.product.deviceIds[0]!, name: "temperature", data: "22.5" })
  const run = await eventually(async () => {
    const r = await http(sim, "GET", `/v1/logic/functions/${fn}/runs`)
    return r.body.logic_runs?.[0]?.id as string | undefined
  }, "a Logic run")
  return { fn, run }
}

const ledger = async (sim: Simulator.SimulatorHandle, versions = 1) => {
  await http(sim, "POST", "/v1/ledgers", { json: { ledger: { name: "device-config", scope: "Device" } } })
  const device = sim.seed.devices.online.id
  for (let v = 0; v < versions; v++) {
    await http(sim, "PUT", `/v1/ledgers/device-config/instances/${device}`, {
      json: { instance: { data: { mode: `m${v}` } } }
    })
  }
  return { device }
}

const webhook = async (sim: Simulator.SimulatorHandle) => {
  const r = await http(sim, "POST", "/v1/webhooks", {
    json: { event: "temperature", url: "https://example.com/hook", requestType: "POST" }
  })
  return { hookId: r.body.id as string }
}

const compiled = async (sim: Simulator.SimulatorHandle) => {
  const form = new FormData()
  form.append("file", new Blob(["void setup() {}\nvoid loop() {}\n"]), "app.ino")
  form.append("platform_id", "6")
  form.append("latest", "true")
  const r = await fetch(`${sim.url}/v1/binaries`, {
    method: "POST",
    headers: { authorization: `Bearer ${sim.accessToken}` },
    body: form
  })
  return { binaryId: ((await r.json()) as { binary_id: string }).binary_id }
}

/** Opens an event stream; against the simulator, waits for one published event, then aborts. */
const streamRun = (publish: (fx: Fx) => void) => async (client: any, args: any, fx: Fx) => {
  const stream = await client.getEventStream(args)
  if (fx.phase === "request") {
    stream.abort()
    return undefined
  }
  const first = new Promise((resolve) => stream.on("event", resolve))
  publish(fx)
  const event = await first
  stream.abort()
  return event
}

/** The simulator orders the user's devices by last handshake, a time set when it seeds: compared by id. */
const byId = (devices: unknown) =>
  Array.isArray(devices) ? [...devices].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)) : devices

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`

const mineFilter = (fx: Fx) => fx.sim.publish({ deviceId: online(fx), name: "compat/hello", data: "world" })

export const cases: ReadonlyArray<Case> = [
  // ------------------------------------------------------------------------------------------- auth
  {
    name: "login",
    method: "login",
    kind: "endpoint",
    args: (fx) => ({ username: fx.seed.user.username, password: fx.seed.user.password })
  },
  {
    name: "login (tokenDuration)",
    method: "login",
    kind: "endpoint",
    args: (fx) => ({ username: fx.seed.user.username, password: fx.seed.user.password, tokenDuration: 3600 }),
    result: false
  },
  {
    name: "login (a default token on the instance)",
    method: "login",
    kind: "endpoint",
    instance: (fx) => ({ auth: fx.token }),
    args: (fx) => ({ username: fx.seed.user.username, password: fx.seed.user.password }),
    requestDiffers: ["no-token-without-auth-option"]
  },
  {
    name: "login (wrong password)",
    method: "login",
    kind: "endpoint",
    args: (fx) => ({ username: fx.seed.user.username, password: "nope" })
  },
  {
    name: "sendOtp",
    method: "sendOtp",
    kind: "endpoint",
    prepare: async (sim) => {
      const r = await http(sim, "POST", "/oauth/token", {
        token: null,
        form: {
          grant_type: "password",
          username: sim.seed.mfaUser.username,
          password: sim.seed.mfaUser.password,
          client_id: "particle-api",
          client_secret: "particle-api"
        }
      })
      return { mfaToken: r.body.mfa_token }
    },
    args: (fx) => ({ mfaToken: fx.extra.mfaToken, otp: fx.seed.mfaUser.otp })
  },
  {
    name: "loginAsClientOwner",
    method: "loginAsClientOwner",
    kind: "endpoint",
    instance: (fx) => ({ clientId: fx.seed.oauthClient.id, clientSecret: fx.seed.oauthClient.secret }),
    args: () => ({})
  },
  { name: "enableMfa", method: "enableMfa", kind: "endpoint", args: a },
  {
    name: "confirmMfa",
    method: "confirmMfa",
    kind: "endpoint",
    prepare: async (sim) => ({ mfaToken: (await http(sim, "GET", "/v1/user/mfa-enable")).body.mfa_token }),
    args: (fx) => ({ mfaToken: fx.extra.mfaToken, otp: fx.seed.mfaUser.otp, invalidateTokens: true, ...a(fx) })
  },
  {
    name: "disableMfa",
    method: "disableMfa",
    kind: "endpoint",
    args: (fx) => ({ currentPassword: fx.seed.user.password, ...a(fx) })
  },
  {
    name: "createUser",
    method: "createUser",
    kind: "endpoint",
    args: () => ({ username: "new@particle.sim", password: "pw", accountInfo: { first_name: "N" }, utm: { s: "x" } })
  },
  {
    name: "createUser (a default token on the instance)",
    method: "createUser",
    kind: "endpoint",
    instance: (fx) => ({ auth: fx.token }),
    args: () => ({ username: "new@particle.sim", password: "pw" }),
    requestDiffers: ["no-token-without-auth-option"]
  },
  {
    name: "resetPassword",
    method: "resetPassword",
    kind: "endpoint",
    args: (fx) => ({ username: fx.seed.user.username })
  },
  {
    name: "deleteAccessToken",
    method: "deleteAccessToken",
    kind: "endpoint",
    prepare: async (sim) => ({ token: newToken(sim) }),
    args: (fx) => ({ token: fx.extra.token })
  },
  {
    name: "deleteAccessToken (a default token on the instance)",
    method: "deleteAccessToken",
    kind: "endpoint",
    instance: (fx) => ({ auth: fx.token }),
    prepare: async (sim) => ({ token: newToken(sim) }),
    args: (fx) => ({ token: fx.extra.token }),
    requestDiffers: ["no-token-without-auth-option"]
  },
  {
    name: "deleteCurrentAccessToken",
    method: "deleteCurrentAccessToken",
    kind: "endpoint",
    prepare: async (sim) => ({ token: newToken(sim) }),
    args: (fx) => ({ auth: fx.extra.token })
  },
  {
    name: "deleteActiveAccessTokens",
    method: "deleteActiveAccessTokens",
    kind: "endpoint",
    prepare: async (sim) => {
      sim.createUser({ username: "leaving@particle.sim", password: "pw" })
      return { token: sim.createToken({ username: "leaving@particle.sim" }) }
    },
    args: (fx) => ({ auth: fx.extra.token })
  },
  {
    name: "deleteUser",
    method: "deleteUser",
    kind: "endpoint",
    prepare: async (sim) => {
      sim.createUser({ username: "gone@particle.sim", password: "pw" })
      return { token: sim.createToken({ username: "gone@particle.sim" }) }
    },
    args: (fx) => ({ password: "pw", auth: fx.extra.token })
  },
  { name: "trackingIdentity", method: "trackingIdentity", kind: "endpoint", args: a },
  {
    name: "trackingIdentity (full)",
    method: "trackingIdentity",
    kind: "endpoint",
    args: (fx) => ({ full: true, ...a(fx) })
  },
  { name: "getUserInfo", method: "getUserInfo", kind: "endpoint", args: a },
  {
    name: "setUserInfo",
    method: "setUserInfo",
    kind: "endpoint",
    args: (fx) => ({ accountInfo: { first_name: "A", company_name: "Acme" }, ...a(fx) })
  },
  {
    name: "changeUsername",
    method: "changeUsername",
    kind: "endpoint",
    args: (fx) => ({ currentPassword: fx.seed.user.password, username: "renamed@particle.sim", ...a(fx) })
  },
  {
    name: "changeUserPassword",
    method: "changeUserPassword",
    kind: "endpoint",
    args: (fx) => ({ currentPassword: fx.seed.user.password, password: "pw2", invalidateTokens: true, ...a(fx) })
  },

  // ---------------------------------------------------------------------------------------- devices
  {
    name: "listDevices",
    method: "listDevices",
    kind: "endpoint",
    args: a,
    // the simulator orders them by last handshake, a time set when it seeds: compared by id
    normalise: (r) => {
      const body = r.resolved?.body
      return Array.isArray(body)
        ? { ...r, resolved: { ...r.resolved, body: [...body].sort((x, y) => x.id < y.id ? -1 : 1) } }
        : r
    }
  },
  {
    name: "listDevices (product, filters)",
    method: "listDevices",
    kind: "endpoint",
    args: (fx) => ({
      product: P(fx).slug,
      groups: ["asia", "beta"],
      sortAttr: "deviceId",
      sortDir: "asc",
      page: 1,
      perPage: 2,
      ...a(fx)
    })
  },
  {
    name: "getDevice (by name)",
    method: "getDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: fx.seed.devices.online.name, ...a(fx) })
  },
  {
    name: "getDevice (product)",
    method: "getDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[0], product: P(fx).id, ...a(fx) })
  },
  {
    name: "getDevice (another user's: 403)",
    method: "getDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: fx.seed.otherUser.deviceId, ...a(fx) }),
    result: { differs: "token-scrubbed-from-errors" }
  },
  {
    name: "claimDevice",
    method: "claimDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[1], requestTransfer: true, ...a(fx) })
  },
  {
    name: "addDeviceToProduct (one)",
    method: "addDeviceToProduct",
    kind: "endpoint",
    args: (fx) => ({ deviceId: fx.seed.devices.cellular.id, product: P(fx).id, ...a(fx) })
  },
  {
    name: "addDeviceToProduct (file)",
    method: "addDeviceToProduct",
    kind: "endpoint",
    args: (fx) => ({
      file: Buffer.from(`${fx.seed.devices.cellular.id}\n0123456789abcdef01234567\n`),
      product: P(fx).id,
      ...a(fx)
    })
  },
  {
    name: "removeDevice",
    method: "removeDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), ...a(fx) })
  },
  {
    name: "removeDevice (product, deny)",
    method: "removeDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[2], product: P(fx).id, deny: true, ...a(fx) })
  },
  {
    name: "removeDeviceOwner",
    method: "removeDeviceOwner",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).ownedDeviceId, product: P(fx).id, ...a(fx) })
  },
  {
    name: "renameDevice",
    method: "renameDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), name: "new-name", ...a(fx) })
  },
  {
    name: "signalDevice",
    method: "signalDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), signal: true, ...a(fx) })
  },
  {
    name: "signalDevice (off, product)",
    method: "signalDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[0], signal: false, product: P(fx).id, ...a(fx) })
  },
  {
    name: "setDeviceNotes",
    method: "setDeviceNotes",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), notes: "in the shed", ...a(fx) })
  },
  {
    name: "markAsDevelopmentDevice",
    method: "markAsDevelopmentDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[1], product: P(fx).id, ...a(fx) })
  },
  {
    name: "markAsDevelopmentDevice (false)",
    method: "markAsDevelopmentDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[1], development: false, product: P(fx).id, ...a(fx) })
  },
  {
    name: "lockDeviceProductFirmware",
    method: "lockDeviceProductFirmware",
    kind: "endpoint",
    args: (fx) => ({
      deviceId: P(fx).deviceIds[1],
      desiredFirmwareVersion: 2,
      flash: true,
      product: P(fx).id,
      ...a(fx)
    })
  },
  {
    name: "unlockDeviceProductFirmware",
    method: "unlockDeviceProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[1], product: P(fx).id, ...a(fx) })
  },
  {
    name: "updateDevice",
    method: "updateDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), name: "again", notes: "m", signal: false, ...a(fx) })
  },
  {
    name: "updateDevice (product)",
    method: "updateDevice",
    kind: "endpoint",
    args: (fx) => ({
      deviceId: P(fx).deviceIds[1],
      product: P(fx).id,
      development: true,
      desiredFirmwareVersion: 1,
      flash: false,
      ...a(fx)
    })
  },
  {
    name: "unprotectDevice",
    method: "unprotectDevice",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), action: "prepare", ...a(fx) })
  },
  {
    name: "unprotectDevice (org, confirm)",
    method: "unprotectDevice",
    kind: "endpoint",
    args: (fx) => ({
      deviceId: P(fx).deviceIds[0],
      org: fx.seed.org.slug,
      action: "confirm",
      serverNonce: "c2VydmVy",
      deviceNonce: "ZGV2aWNl",
      deviceSignature: "c2ln",
      devicePublicKeyFingerprint: "ZnA=",
      ...a(fx)
    })
  },
  {
    name: "provisionDevice",
    method: "provisionDevice",
    kind: "endpoint",
    args: (fx) => ({ productId: P(fx).id, ...a(fx) })
  },
  {
    name: "getClaimCode",
    method: "getClaimCode",
    kind: "endpoint",
    args: (fx) => ({ iccid: fx.seed.sims.user[1], ...a(fx) })
  },
  {
    name: "getClaimCode (product)",
    method: "getClaimCode",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "lookupSerialNumber",
    method: "lookupSerialNumber",
    kind: "endpoint",
    args: (fx) => ({ serialNumber: fx.seed.serialNumber, ...a(fx) })
  },
  {
    name: "sendPublicKey",
    method: "sendPublicKey",
    kind: "endpoint",
    args: (fx) => ({ deviceId: "0123456789abcdef01234567", key: "PUBKEY", ...a(fx) })
  },
  {
    name: "sendPublicKey (Buffer, ecc)",
    method: "sendPublicKey",
    kind: "endpoint",
    args: (fx) => ({ deviceId: "0123456789abcdef01234567", key: Buffer.from("ECC KEY"), algorithm: "ecc", ...a(fx) })
  },
  {
    name: "downloadManufacturingBackup",
    method: "downloadManufacturingBackup",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), ...a(fx) })
  },
  {
    name: "getVariable",
    method: "getVariable",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), name: "temperature", ...a(fx) })
  },
  {
    name: "getVariable (product)",
    method: "getVariable",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[0], name: "uptime", product: P(fx).slug, ...a(fx) })
  },
  {
    name: "getVariable (unknown: 404)",
    method: "getVariable",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), name: "nope", ...a(fx) })
  },
  {
    name: "getVariable (unresponsive device: 408)",
    method: "getVariable",
    kind: "endpoint",
    args: (fx) => ({ deviceId: fx.seed.devices.unresponsive.id, name: "temperature", ...a(fx) })
  },
  {
    name: "callFunction",
    method: "callFunction",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), name: "echoLength", argument: "hello", ...a(fx) })
  },
  {
    name: "callFunction (product, no argument)",
    method: "callFunction",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[0], name: "reboot", product: P(fx).id, ...a(fx) })
  },
  {
    name: "flashDevice (bytes, target version)",
    method: "flashDevice",
    kind: "endpoint",
    args: (fx) => ({
      deviceId: online(fx),
      files: {
        "app.ino": Buffer.from("void setup() {}\nvoid loop() {}\n"),
        "lib/helper.h": Buffer.from("#pragma once\n")
      },
      targetVersion: "6.2.1",
      ...a(fx)
    })
  },
  {
    name: "flashDevice (a path and a stream, latest, product)",
    method: "flashDevice",
    kind: "endpoint",
    nodeOnly: true,
    args: (fx) => ({
      deviceId: P(fx).deviceIds[0],
      product: P(fx).id,
      files: { "app.ino": fx.disk.source, "helper.h": createReadStream(fx.disk.header) },
      ...a(fx)
    })
  },
  {
    name: "compileCode",
    method: "compileCode",
    kind: "endpoint",
    args: (fx) => ({
      files: { "app.ino": Buffer.from("void setup() {}\nvoid loop() {}\n"), "src\\util.cpp": Buffer.from("int x;\n") },
      platformId: 6,
      targetVersion: "6.2.1",
      ...a(fx)
    })
  },
  {
    name: "compileCode (a path, latest)",
    method: "compileCode",
    kind: "endpoint",
    nodeOnly: true,
    args: (fx) => ({ files: { "app.ino": fx.disk.source }, platformId: 13, ...a(fx) })
  },
  {
    name: "downloadFirmwareBinary",
    method: "downloadFirmwareBinary",
    kind: "endpoint",
    prepare: (sim) => compiled(sim),
    args: (fx) => ({ binaryId: fx.extra.binaryId, ...a(fx) })
  },

  // ----------------------------------------------------------------------------------------- events
  {
    name: "getEventStream (mine, prefix)",
    method: "getEventStream",
    kind: "endpoint",
    args: (fx) => ({ deviceId: "mine", name: "compat/", ...a(fx) }),
    run: streamRun(mineFilter),
    requestDiffers: ["event-stream-accept"]
  },
  {
    name: "getEventStream (a device, name with a slash)",
    method: "getEventStream",
    kind: "endpoint",
    args: (fx) => ({ deviceId: online(fx), name: "a/b", ...a(fx) }),
    run: streamRun((fx) => fx.sim.publish({ deviceId: online(fx), name: "a/b/c", data: "1" })),
    requestDiffers: ["event-stream-accept"]
  },
  {
    name: "getEventStream (product)",
    method: "getEventStream",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).slug, ...a(fx) }),
    run: streamRun((fx) => fx.sim.publish({ deviceId: P(fx).deviceIds[0]!, name: "fleet/temp", data: "2" })),
    requestDiffers: ["event-stream-accept"]
  },
  {
    name: "getEventStream (org)",
    method: "getEventStream",
    kind: "endpoint",
    args: (fx) => ({ org: fx.seed.org.slug, ...a(fx) }),
    run: streamRun((fx) => fx.sim.publish({ deviceId: P(fx).deviceIds[0]!, name: "org/temp", data: "3" })),
    requestDiffers: ["event-stream-accept"]
  },
  {
    name: "publishEvent",
    method: "publishEvent",
    kind: "endpoint",
    args: (fx) => ({ name: "hello", data: "world", isPrivate: true, ...a(fx) })
  },
  {
    name: "publishEvent (product)",
    method: "publishEvent",
    kind: "endpoint",
    args: (fx) => ({ name: "fleet/api", product: P(fx).id, ...a(fx) })
  },

  // --------------------------------------------------------------------------- webhooks, integrations
  {
    name: "createWebhook (hook)",
    method: "createWebhook",
    kind: "endpoint",
    args: (fx) => ({
      event: "temperature",
      url: "https://example.com/hook",
      device: online(fx),
      rejectUnauthorized: false,
      noDefaults: true,
      hook: {
        method: "PUT",
        headers: { "X-Token": "t" },
        json: { value: "{{{PARTICLE_EVENT_VALUE}}}" },
        responseTemplate: "{{x}}",
        responseEvent: "resp",
        errorResponseEvent: "err"
      },
      ...a(fx)
    })
  },
  {
    name: "createWebhook (product)",
    method: "createWebhook",
    kind: "endpoint",
    args: (fx) => ({ event: "fleet", url: "https://example.com/p", product: P(fx).id, ...a(fx) })
  },
  {
    name: "deleteWebhook",
    method: "deleteWebhook",
    kind: "endpoint",
    prepare: (sim) => webhook(sim),
    args: (fx) => ({ hookId: fx.extra.hookId, ...a(fx) })
  },
  { name: "listWebhooks", method: "listWebhooks", kind: "endpoint", prepare: (sim) => webhook(sim), args: a },
  {
    name: "listWebhooks (product)",
    method: "listWebhooks",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "createIntegration",
    method: "createIntegration",
    kind: "endpoint",
    args: (fx) => ({
      event: "temperature",
      deviceId: online(fx),
      settings: { integration_type: "Webhook", url: "https://example.com/x", requestType: "POST", noDefaults: true },
      ...a(fx)
    })
  },
  {
    name: "createIntegration (org)",
    method: "createIntegration",
    kind: "endpoint",
    args: (fx) => ({
      event: "fleet",
      org: fx.seed.org.slug,
      settings: { integration_type: "GoogleCloudPubSub", topic: "projects/p/topics/t" },
      ...a(fx)
    })
  },
  {
    name: "createIntegration (a settings field the schema does not know)",
    method: "createIntegration",
    kind: "endpoint",
    args: (fx) => ({
      event: "temperature",
      settings: {
        integration_type: "Webhook",
        url: "https://example.com/x",
        dataUrlResponseEvent: true,
        future: "kept"
      },
      ...a(fx)
    })
  },
  {
    name: "createIntegration (product and org: refused)",
    method: "createIntegration",
    kind: "endpoint",
    args: (fx) => ({
      event: "x",
      product: P(fx).id,
      org: fx.seed.org.slug,
      settings: { integration_type: "Webhook", url: "https://example.com/x" },
      ...a(fx)
    }),
    result: { differs: "refusal-with-fields" }
  },
  {
    name: "editIntegration",
    method: "editIntegration",
    kind: "endpoint",
    args: (fx) => ({
      integrationId: fx.seed.integrationId,
      event: "temperature2",
      settings: { integration_type: "Webhook", url: "https://example.com/y", requestType: "PUT" },
      ...a(fx)
    })
  },
  {
    name: "deleteIntegration",
    method: "deleteIntegration",
    kind: "endpoint",
    args: (fx) => ({ integrationId: fx.seed.integrationId, ...a(fx) })
  },
  { name: "listIntegrations", method: "listIntegrations", kind: "endpoint", args: a },
  {
    name: "listIntegrations (product)",
    method: "listIntegrations",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "listIntegrations (org)",
    method: "listIntegrations",
    kind: "endpoint",
    args: (fx) => ({ org: fx.seed.org.slug, ...a(fx) })
  },

  // ------------------------------------------------------------------------------------------- SIMs
  { name: "listSIMs", method: "listSIMs", kind: "endpoint", args: a },
  {
    name: "listSIMs (product, filters)",
    method: "listSIMs",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, iccid: "8931", deviceName: "fleet", page: 1, perPage: 1, ...a(fx) })
  },
  {
    name: "getSIMDataUsage",
    method: "getSIMDataUsage",
    kind: "endpoint",
    args: (fx) => ({ iccid: fx.seed.sims.user[0], ...a(fx) })
  },
  {
    name: "getSIMDataUsage (product)",
    method: "getSIMDataUsage",
    kind: "endpoint",
    args: (fx) => ({ iccid: fx.seed.sims.product[0], product: P(fx).slug, ...a(fx) })
  },
  {
    name: "getFleetDataUsage",
    method: "getFleetDataUsage",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  { name: "checkSIM", method: "checkSIM", kind: "endpoint", args: (fx) => ({ iccid: fx.seed.sims.user[0], ...a(fx) }) },
  {
    name: "checkSIM (a 200 with an empty body)",
    method: "checkSIM",
    kind: "endpoint",
    prepare: async (sim) => {
      sim.setFault({
        kind: "status",
        route: `/v1/sims/${sim.seed.sims.user[0]}`,
        method: "HEAD",
        status: 200,
        rawBody: ""
      })
      return {}
    },
    args: (fx) => ({ iccid: fx.seed.sims.user[0], ...a(fx) }),
    result: { differs: "empty-2xx-accepted" }
  },
  {
    name: "removeSIM",
    method: "removeSIM",
    kind: "endpoint",
    args: (fx) => ({ iccid: fx.seed.sims.user[1], ...a(fx) })
  },
  {
    name: "removeSIM (product)",
    method: "removeSIM",
    kind: "endpoint",
    args: (fx) => ({ iccid: fx.seed.sims.product[1], product: P(fx).id, ...a(fx) })
  },

  // ------------------------------------------------------------------------------------------ products
  { name: "listProducts", method: "listProducts", kind: "endpoint", args: a },
  { name: "getProduct", method: "getProduct", kind: "endpoint", args: (fx) => ({ product: P(fx).slug, ...a(fx) }) },
  {
    name: "getProduct (a proxy's HTML 502)",
    method: "getProduct",
    kind: "endpoint",
    prepare: async (sim) => {
      sim.setFault({
        kind: "status",
        route: `/v1/products/${sim.seed.product.slug}`,
        status: 502,
        rawBody: "<html><body>Bad Gateway</body></html>",
        contentType: "text/html"
      })
      return {}
    },
    args: (fx) => ({ product: P(fx).slug, ...a(fx) }),
    instance: () => ({ effect: { retry: false } }),
    result: { differs: "error-text-kept" }
  },
  {
    name: "listProductFirmware",
    method: "listProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "uploadProductFirmware",
    method: "uploadProductFirmware",
    kind: "endpoint",
    args: (fx) => ({
      product: P(fx).id,
      file: Buffer.from("FIRMWARE-v3"),
      version: 3,
      title: "v3",
      description: "third",
      ...a(fx)
    })
  },
  {
    name: "getProductFirmware",
    method: "getProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, version: 1, ...a(fx) })
  },
  {
    name: "updateProductFirmware",
    method: "updateProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, version: 1, title: "t1", description: "new", ...a(fx) })
  },
  {
    name: "downloadProductFirmware",
    method: "downloadProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, version: 2, ...a(fx) })
  },
  {
    name: "releaseProductFirmware (default)",
    method: "releaseProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, version: 2, product_default: true, ...a(fx) })
  },
  {
    name: "releaseProductFirmware (groups)",
    method: "releaseProductFirmware",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, version: 1, groups: ["beta"], intelligent: true, ...a(fx) })
  },
  {
    name: "listTeamMembers",
    method: "listTeamMembers",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "inviteTeamMember",
    method: "inviteTeamMember",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, username: "friend@example.com", ...a(fx) })
  },
  {
    name: "removeTeamMember",
    method: "removeTeamMember",
    kind: "endpoint",
    prepare: async (sim) => {
      await http(sim, "POST", `/v1/products/${sim.seed.product.id}/team`, { json: { username: "friend@example.com" } })
      return {}
    },
    args: (fx) => ({ product: P(fx).id, username: "friend@example.com", ...a(fx) }),
    requestDiffers: ["path-encoded"]
  },
  {
    name: "removeTeamMember (a plain username)",
    method: "removeTeamMember",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, username: "friend", ...a(fx) })
  },
  {
    name: "createCustomer",
    method: "createCustomer",
    kind: "endpoint",
    instance: (fx) => ({ clientId: fx.seed.oauthClient.id, clientSecret: fx.seed.oauthClient.secret }),
    args: (fx) => ({ product: P(fx).id, email: "c3@x.io", password: "pw" })
  },
  {
    name: "createCustomer (a default token on the instance)",
    method: "createCustomer",
    kind: "endpoint",
    instance: (fx) => ({ clientId: fx.seed.oauthClient.id, clientSecret: fx.seed.oauthClient.secret, auth: fx.token }),
    args: (fx) => ({ product: P(fx).id, email: "c4@x.io", password: "pw" }),
    requestDiffers: ["no-token-without-auth-option"]
  },
  {
    name: "getProductConfiguration",
    method: "getProductConfiguration",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "getProductConfigurationSchema",
    method: "getProductConfigurationSchema",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "getProductDeviceConfiguration",
    method: "getProductDeviceConfiguration",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, deviceId: P(fx).deviceIds[0], ...a(fx) })
  },
  {
    name: "getProductDeviceConfigurationSchema",
    method: "getProductDeviceConfigurationSchema",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, deviceId: P(fx).deviceIds[0], ...a(fx) })
  },
  {
    name: "setProductConfiguration",
    method: "setProductConfiguration",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, config: { location: { radius: 5, interval_min: 60 } }, ...a(fx) })
  },
  {
    name: "setProductDeviceConfiguration",
    method: "setProductDeviceConfiguration",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, deviceId: P(fx).deviceIds[0], config: { rgb: { type: "off" } }, ...a(fx) })
  },
  {
    name: "getProductLocations",
    method: "getProductLocations",
    kind: "endpoint",
    args: (fx) => ({
      product: P(fx).id,
      dateRange: `${fx.seed.locations.first},${fx.seed.locations.last}`,
      rectBl: "0,0",
      rectTr: "60,150",
      groups: ["asia", "europe"],
      page: 1,
      perPage: 2,
      ...a(fx)
    })
  },
  {
    name: "getProductLocations (a device name)",
    method: "getProductLocations",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, deviceName: "fleet-1", deviceId: P(fx).deviceIds[0], ...a(fx) })
  },
  {
    name: "getProductDeviceLocations",
    method: "getProductDeviceLocations",
    kind: "endpoint",
    args: (fx) => ({
      product: P(fx).id,
      deviceId: P(fx).deviceIds[0],
      dateRange: `${fx.seed.locations.first},${fx.seed.locations.last}`,
      rectBl: "40,0",
      rectTr: "50,10",
      ...a(fx)
    })
  },

  // ----------------------------------------------------------------------------------------- libraries
  {
    name: "listLibraries",
    method: "listLibraries",
    kind: "endpoint",
    args: (fx) => ({
      page: 1,
      limit: 10,
      filter: "neo",
      sort: "-popularity",
      architectures: ["particle-photon", "argon"],
      category: "Other",
      scope: "all",
      excludeScopes: ["mine", "private"],
      ...a(fx)
    })
  },
  { name: "listLibraries (no filters)", method: "listLibraries", kind: "endpoint", args: a },
  {
    name: "getLibrary",
    method: "getLibrary",
    kind: "endpoint",
    args: (fx) => ({ name: "neopixel", version: "0.0.9", ...a(fx) })
  },
  {
    name: "getLibraryVersions",
    method: "getLibraryVersions",
    kind: "endpoint",
    args: (fx) => ({ name: "neopixel", page: 1, limit: 10, ...a(fx) })
  },
  {
    name: "contributeLibrary",
    method: "contributeLibrary",
    kind: "endpoint",
    args: (fx) => ({ archive: libraryArchive("compatlib", "1.0.0"), ...a(fx) })
  },
  {
    name: "publishLibrary",
    method: "publishLibrary",
    kind: "endpoint",
    args: (fx) => ({ name: "sim-sensors", ...a(fx) })
  },
  {
    name: "deleteLibrary",
    method: "deleteLibrary",
    kind: "endpoint",
    args: (fx) => ({ name: "sim-sensors", force: true, ...a(fx) })
  },
  {
    name: "downloadFile",
    method: "downloadFile",
    kind: "endpoint",
    args: (fx) => ({ uri: `${fx.base}/__sim/library-archives/neopixel/0.0.10.tar.gz` })
  },
  {
    name: "downloadFile (a path under the base URL)",
    method: "downloadFile",
    kind: "endpoint",
    instance: (fx) => ({ auth: fx.token }),
    args: () => ({ uri: "/__sim/library-archives/onewire/2.0.3.tar.gz" })
  },
  {
    name: "downloadFile (a default token, the base URL)",
    method: "downloadFile",
    kind: "endpoint",
    instance: (fx) => ({ auth: fx.token }),
    args: (fx) => ({ uri: `${fx.base}/__sim/library-archives/neopixel/0.0.10.tar.gz` })
  },
  {
    name: "downloadFile (a default token, another host)",
    method: "downloadFile",
    kind: "endpoint",
    instance: (fx) => ({ auth: fx.token }),
    args: (fx) => ({ uri: `${fx.foreign}/libraries/neopixel-0.0.10.tar.gz` }),
    requestDiffers: ["no-token-to-foreign-host"],
    result: false
  },

  // ------------------------------------------------------------------------------------ OAuth clients
  { name: "listOAuthClients", method: "listOAuthClients", kind: "endpoint", args: a },
  {
    name: "listOAuthClients (product)",
    method: "listOAuthClients",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "createOAuthClient",
    method: "createOAuthClient",
    kind: "endpoint",
    args: (fx) => ({ name: "My App", type: "installed", ...a(fx) })
  },
  {
    name: "createOAuthClient (product, web)",
    method: "createOAuthClient",
    kind: "endpoint",
    args: (fx) => ({
      name: "Web App",
      type: "web",
      redirect_uri: "https://example.com/cb",
      scope: "customers:create",
      product: P(fx).id,
      ...a(fx)
    })
  },
  {
    name: "updateOAuthClient",
    method: "updateOAuthClient",
    kind: "endpoint",
    args: (fx) => ({ clientId: fx.seed.oauthClient.id, name: "Renamed", scope: "none", product: P(fx).id, ...a(fx) })
  },
  {
    name: "deleteOAuthClient",
    method: "deleteOAuthClient",
    kind: "endpoint",
    args: (fx) => ({ clientId: fx.seed.oauthClient.id, product: P(fx).id, ...a(fx) })
  },

  // --------------------------------------------------------------------------- build targets, Device OS
  {
    name: "listBuildTargets (featured)",
    method: "listBuildTargets",
    kind: "endpoint",
    args: (fx) => ({ onlyFeatured: true, ...a(fx) })
  },
  { name: "listBuildTargets", method: "listBuildTargets", kind: "endpoint", args: a },
  {
    name: "listDeviceOsVersions",
    method: "listDeviceOsVersions",
    kind: "endpoint",
    args: (fx) => ({ platformId: 32, internalVersion: 6201, page: 1, perPage: 5, ...a(fx) })
  },
  {
    name: "getDeviceOsVersion",
    method: "getDeviceOsVersion",
    kind: "endpoint",
    args: (fx) => ({ version: "6.2.1", platformId: 32, ...a(fx) })
  },

  // --------------------------------------------------------------------------------------------- Logic
  {
    name: "executeLogic",
    method: "executeLogic",
    kind: "endpoint",
    args: (fx) => ({
      logic: {
        source: { type: "JavaScript", code: logicCode },
        event: { event_name: "my-event", event_data: "my-data", device_id: "", product_id: 0 }
      },
      ...a(fx)
    })
  },
  {
    name: "executeLogic (org)",
    method: "executeLogic",
    kind: "endpoint",
    args: (fx) => ({ org: fx.seed.org.slug, logic: { source: { type: "JavaScript", code: logicCode } }, ...a(fx) })
  },
  {
    name: "createLogicFunction",
    method: "createLogicFunction",
    kind: "endpoint",
    args: (fx) => ({
      logicFunction: {
        name: "LF1",
        description: "on the sandbox",
        enabled: true,
        source: { type: "JavaScript", code: logicCode },
        logic_triggers: [{ type: "Event", enabled: true, product_id: P(fx).id, event_name: "temperature" }]
      },
      ...a(fx)
    })
  },
  {
    name: "createLogicFunction (a source field the schema does not know)",
    method: "createLogicFunction",
    kind: "endpoint",
    args: (fx) => ({
      logicFunction: { name: "LF2", source: { type: "JavaScript", code: logicCode, future: "kept" } },
      ...a(fx)
    })
  },
  {
    name: "getLogicFunction",
    method: "getLogicFunction",
    kind: "endpoint",
    prepare: async (sim) => ({ fn: await createLogicFunction(sim) }),
    args: (fx) => ({ logicFunctionId: fx.extra.fn, ...a(fx) })
  },
  {
    name: "getLogicFunction (org, unknown)",
    method: "getLogicFunction",
    kind: "endpoint",
    args: (fx) => ({ org: fx.seed.org.slug, logicFunctionId: "00000000-0000-4000-8000-000000000000", ...a(fx) })
  },
  {
    name: "updateLogicFunction",
    method: "updateLogicFunction",
    kind: "endpoint",
    prepare: async (sim) => ({ fn: await createLogicFunction(sim) }),
    args: (fx) => ({
      logicFunctionId: fx.extra.fn,
      logicFunction: { name: "renamed", description: "v2", source: { type: "JavaScript", code: logicCode } },
      ...a(fx)
    })
  },
  {
    name: "deleteLogicFunction",
    method: "deleteLogicFunction",
    kind: "endpoint",
    prepare: async (sim) => ({ fn: await createLogicFunction(sim) }),
    args: (fx) => ({ logicFunctionId: fx.extra.fn, ...a(fx) })
  },
  {
    name: "listLogicFunctions (today's stats)",
    method: "listLogicFunctions",
    kind: "endpoint",
    prepare: async (sim) => ({ fn: await createLogicFunction(sim) }),
    args: (fx) => ({ todayStats: true, ...a(fx) })
  },
  {
    name: "listLogicFunctions (org, no stats)",
    method: "listLogicFunctions",
    kind: "endpoint",
    args: (fx) => ({ org: fx.seed.org.slug, todayStats: false, ...a(fx) })
  },
  {
    name: "listLogicRuns",
    method: "listLogicRuns",
    kind: "endpoint",
    prepare: (sim) => logicRun(sim),
    args: (fx) => ({ logicFunctionId: fx.extra.fn, ...a(fx) })
  },
  {
    name: "getLogicRun",
    method: "getLogicRun",
    kind: "endpoint",
    prepare: (sim) => logicRun(sim),
    args: (fx) => ({ logicFunctionId: fx.extra.fn, logicRunId: fx.extra.run, ...a(fx) })
  },
  {
    name: "getLogicRunLogs",
    method: "getLogicRunLogs",
    kind: "endpoint",
    prepare: (sim) => logicRun(sim),
    args: (fx) => ({ logicFunctionId: fx.extra.fn, logicRunId: fx.extra.run, ...a(fx) })
  },

  // -------------------------------------------------------------------------------------------- Ledger
  {
    name: "createLedger",
    method: "createLedger",
    kind: "endpoint",
    args: (fx) => ({ ledger: { name: "device-config", scope: "Device", description: "per device" }, ...a(fx) })
  },
  {
    name: "createLedger (org)",
    method: "createLedger",
    kind: "endpoint",
    args: (fx) => ({
      org: fx.seed.org.slug,
      ledger: { name: "fleet", scope: "Product", direction: "Downstream" },
      ...a(fx)
    })
  },
  {
    name: "createLedger (a field the schema does not know)",
    method: "createLedger",
    kind: "endpoint",
    args: (fx) => ({ ledger: { name: "extra-ledger", scope: "Owner", future: { ttl: 3 } }, ...a(fx) })
  },
  {
    name: "getLedger",
    method: "getLedger",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ ledgerName: "device-config", ...a(fx) })
  },
  {
    name: "updateLedger",
    method: "updateLedger",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ ledgerName: "device-config", ledger: { description: "v2" }, ...a(fx) })
  },
  {
    name: "archiveLedger",
    method: "archiveLedger",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ ledgerName: "device-config", ...a(fx) })
  },
  {
    name: "listLedgers",
    method: "listLedgers",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ scope: "Device", page: 1, perPage: 10, archived: false, ...a(fx) })
  },
  {
    name: "getLedgerInstance",
    method: "getLedgerInstance",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ ledgerName: "device-config", scopeValue: online(fx), ...a(fx) })
  },
  {
    name: "setLedgerInstance",
    method: "setLedgerInstance",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({
      ledgerName: "device-config",
      scopeValue: online(fx),
      instance: { data: { mode: "eco", level: 3 } },
      setMode: "Merge",
      ...a(fx)
    })
  },
  {
    name: "deleteLedgerInstance",
    method: "deleteLedgerInstance",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ ledgerName: "device-config", scopeValue: online(fx), ...a(fx) })
  },
  {
    name: "listLedgerInstances",
    method: "listLedgerInstances",
    kind: "endpoint",
    prepare: (sim) => ledger(sim),
    args: (fx) => ({ ledgerName: "device-config", page: 1, perPage: 5, ...a(fx) })
  },
  {
    name: "listLedgerInstanceVersions",
    method: "listLedgerInstanceVersions",
    kind: "endpoint",
    prepare: (sim) => ledger(sim, 3),
    args: (fx) => ({
      ledgerName: "device-config",
      scopeValue: online(fx),
      replacedBefore: "2100-01-01T00:00:00.000Z",
      replacedAfter: "2000-01-01T00:00:00.000Z",
      ...a(fx)
    })
  },
  {
    name: "getLedgerInstanceVersion",
    method: "getLedgerInstanceVersion",
    kind: "endpoint",
    prepare: (sim) => ledger(sim, 2),
    args: (fx) => ({ ledgerName: "device-config", scopeValue: online(fx), version: 1, ...a(fx) })
  },

  // ------------------------------------------------------------------------------ environment variables
  {
    name: "listEnvVars (sandbox)",
    method: "listEnvVars",
    kind: "endpoint",
    args: (fx) => ({ sandbox: true, ...a(fx) })
  },
  {
    name: "listEnvVars (product)",
    method: "listEnvVars",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, ...a(fx) })
  },
  {
    name: "listEnvVars (device)",
    method: "listEnvVars",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[0], ...a(fx) })
  },
  {
    name: "listEnvVars (no scope: refused)",
    method: "listEnvVars",
    kind: "endpoint",
    args: a,
    result: { differs: "rejects-not-throws" }
  },
  {
    name: "listEnvVars (two scopes: refused)",
    method: "listEnvVars",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, org: fx.seed.org.slug, ...a(fx) }),
    result: { differs: "rejects-not-throws" }
  },
  {
    name: "updateEnvVars",
    method: "updateEnvVars",
    kind: "endpoint",
    args: (fx) => ({
      sandbox: true,
      ops: [{ op: "Set", key: "FOO", value: "bar" }, { op: "Unset", key: "OLD" }],
      ...a(fx)
    })
  },
  {
    name: "setEnvVar",
    method: "setEnvVar",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, key: "FOO3", value: "bar3", ...a(fx) })
  },
  {
    name: "deleteEnvVar",
    method: "deleteEnvVar",
    kind: "endpoint",
    prepare: async (sim) => {
      await http(sim, "PUT", `/v1/orgs/${sim.seed.org.slug}/env/FOO`, { json: { value: "bar" } })
      return {}
    },
    args: (fx) => ({ org: fx.seed.org.slug, key: "FOO", ...a(fx) })
  },
  {
    name: "renderEnvVars",
    method: "renderEnvVars",
    kind: "endpoint",
    args: (fx) => ({ deviceId: P(fx).deviceIds[0], ...a(fx) })
  },
  {
    name: "reviewEnvVarsRollout",
    method: "reviewEnvVarsRollout",
    kind: "endpoint",
    args: (fx) => ({ org: fx.seed.org.slug, ...a(fx) })
  },
  {
    name: "startEnvVarsRollout",
    method: "startEnvVarsRollout",
    kind: "endpoint",
    args: (fx) => ({ product: P(fx).id, when: "Connect", ...a(fx) })
  },

  // --------------------------------------------------------------------------------------- generic verbs
  {
    name: "get (qs query, caller headers)",
    method: "get",
    kind: "generic",
    args: (fx) => ({
      uri: "/v1/devices",
      query: { a: 1, list: ["x", "y"], empty: null, missing: undefined, flag: true, text: "a b,c" },
      headers: { "X-Custom": "1" },
      ...a(fx)
    }),
    headers: ["x-custom"]
  },
  {
    name: "get (an absolute URL on another host)",
    method: "get",
    kind: "generic",
    args: (fx) => ({ uri: `${fx.foreign}/elsewhere`, ...a(fx) }),
    requestDiffers: ["no-token-to-foreign-host"],
    result: false
  },
  {
    name: "head",
    method: "head",
    kind: "generic",
    args: (fx) => ({ uri: `/v1/sims/${fx.seed.sims.user[0]}`, ...a(fx) })
  },
  {
    name: "post (query dropped)",
    method: "post",
    kind: "generic",
    args: (fx) => ({ uri: "/v1/devices/events", data: { name: "generic", data: "post" }, query: { no: 1 }, ...a(fx) })
  },
  {
    name: "put (with query)",
    method: "put",
    kind: "generic",
    args: (fx) => ({ uri: `/v1/devices/${online(fx)}`, data: { notes: "put" }, query: { q: "1" }, ...a(fx) })
  },
  {
    name: "patch",
    method: "patch",
    kind: "generic",
    args: (fx) => ({ uri: "/v1/libraries/sim-sensors", data: { visibility: "public" }, ...a(fx) })
  },
  {
    name: "delete (a JSON body)",
    method: "delete",
    kind: "generic",
    args: (fx) => ({ uri: `/v1/products/${P(fx).id}/devices/${P(fx).deviceIds[2]}`, data: { deny: true }, ...a(fx) })
  },
  {
    name: "request (form)",
    method: "request",
    kind: "generic",
    args: (fx) => ({
      uri: "/oauth/token",
      method: "post",
      form: {
        grant_type: "password",
        username: fx.seed.user.username,
        password: fx.seed.user.password,
        client_id: "particle-api",
        client_secret: "particle-api",
        skipped: undefined
      }
    })
  },
  {
    name: "request (files and form)",
    method: "request",
    kind: "generic",
    nodeOnly: true,
    args: (fx) => ({
      uri: `/v1/devices/${online(fx)}`,
      method: "PUT",
      files: { "app.ino": Buffer.from("void setup(){}\n"), "dir/x.h": fx.disk.header },
      form: { latest: "true", n: 1, skipped: undefined },
      ...a(fx)
    })
  },
  {
    name: "request (isBuffer)",
    method: "request",
    kind: "generic",
    args: (fx) => ({
      uri: `/v1/products/${P(fx).id}/firmware/1/binary`,
      method: "get",
      isBuffer: true,
      query: { x: 1 },
      ...a(fx)
    })
  },
  {
    name: "setDefaultAuth",
    method: "setDefaultAuth",
    kind: "generic",
    run: (client, _, fx) => {
      client.setDefaultAuth(fx.token)
      return client.getUserInfo({})
    }
  },
  {
    name: "setBaseUrl",
    method: "setBaseUrl",
    kind: "generic",
    instance: () => ({ baseUrl: "http://127.0.0.1:9" }),
    run: (client, _, fx) => {
      client.setBaseUrl(fx.base)
      return client.listProducts(a(fx))
    }
  },
  {
    name: "setBaseUrl (a trailing slash)",
    method: "setBaseUrl",
    kind: "generic",
    run: (client, _, fx) => {
      client.setBaseUrl(`${fx.base}/`)
      return client.listProducts(a(fx))
    },
    requestDiffers: ["base-url-trailing-slash"],
    result: false
  },
  {
    name: "setContext (tool and project)",
    method: "setContext",
    kind: "generic",
    run: (client, _, fx) => {
      client.setContext("tool", { name: "cli", version: "1.2.3", components: [{ name: "bar", version: "a.b.c" }] })
      client.setContext("project", { name: "blinky", version: "0.0.1", board: "argon" })
      return client.getUserInfo(a(fx))
    }
  },
  {
    name: "per-call context, then a call without",
    method: "setContext",
    kind: "generic",
    run: async (client, _, fx) => {
      await client.getUserInfo({ ...a(fx), context: { tool: { name: "script", version: 2 } } })
      return client.getUserInfo(a(fx))
    },
    requestDiffers: ["context-not-mutated"],
    result: false
  },
  {
    name: "the same headers object to a schema call and another",
    method: "getProductConfigurationSchema",
    kind: "endpoint",
    run: async (client, _, fx) => {
      const headers = { "X-Trace": "t" }
      await client.getProductConfigurationSchema({ product: P(fx).id, headers, ...a(fx) })
      return client.getProduct({ product: P(fx).id, headers, ...a(fx) })
    },
    headers: ["x-trace"],
    requestDiffers: ["headers-not-mutated"],
    result: false
  },
  {
    name: "client",
    method: "client",
    kind: "generic",
    run: async (client, _, fx) => {
      const c = client.client({ auth: fx.token })
      const libraries = await c.libraries({ filter: "neo", limit: 5 })
      const library = await c.library("neopixel", { version: "0.0.9" })
      const versions = await c.libraryVersions("neopixel", { limit: 5 })
      const targets = await c.listBuildTargets()
      const identity = await c.trackingIdentity()
      const devices = await c.listDevices()
      const signal = await c.signalDevice({ deviceId: online(fx), signal: true })
      const archive = await library.download()
      const plain = (l: object) => ({ ...l })
      return {
        ready: c.ready(),
        libraries: libraries.map(plain),
        library: plain(library),
        versions: versions.map(plain),
        targets,
        identity,
        devices,
        signal,
        archive
      }
    },
    normalise: (r) =>
      r.resolved === undefined
        ? r
        : { ...r, resolved: { ...r.resolved, devices: { ...r.resolved.devices, body: byId(r.resolved.devices.body) } } }
  },
  {
    name: "deviceUri",
    method: "deviceUri",
    kind: "generic",
    run: async (client) => [
      client.deviceUri({ deviceId: "abc" }),
      client.deviceUri({ deviceId: "abc", product: 42 }),
      client.deviceUri({ deviceId: "abc", product: 42, org: "acme" })
    ]
  },

  // ------------------------------------------------------------------------------------- dropped names
  {
    name: "getAttributes",
    method: "getAttributes",
    kind: "dropped",
    args: (fx) => ({ deviceId: online(fx), ...a(fx) }),
    reference: (api, args) => api.getDevice(args)
  },
  {
    name: "flashTinker",
    method: "flashTinker",
    kind: "dropped",
    args: (fx) => ({ deviceId: online(fx), ...a(fx) }),
    reference: (api, args) => api.put({ uri: `/v1/devices/${args.deviceId}`, data: { app: "tinker" }, auth: args.auth })
  },
  {
    name: "activateSIM",
    method: "activateSIM",
    kind: "dropped",
    prepare: async (sim) => {
      await http(sim, "PUT", `/v1/sims/${sim.seed.sims.user[1]}`, { json: { action: "deactivate" } })
      return {}
    },
    args: (fx) => ({ iccid: fx.seed.sims.user[1], country: "US", promoCode: "FREE", ...a(fx) }),
    reference: (api, args) =>
      api.put({
        uri: `/v1/sims/${args.iccid}`,
        data: { country: args.country, promoCode: args.promoCode, action: "activate" },
        auth: args.auth
      })
  },
  {
    name: "activateSIM (product)",
    method: "activateSIM",
    kind: "dropped",
    args: (fx) => ({ iccid: "89314404000111111113", product: P(fx).id, country: "US", ...a(fx) }),
    reference: (api, args) =>
      api.post({
        uri: `/v1/products/${args.product}/sims`,
        data: { sims: [args.iccid], country: args.country },
        auth: args.auth
      })
  },
  {
    name: "deactivateSIM",
    method: "deactivateSIM",
    kind: "dropped",
    args: (fx) => ({ iccid: fx.seed.sims.product[0], product: P(fx).id, ...a(fx) }),
    reference: (api, args) =>
      api.put({
        uri: `/v1/products/${args.product}/sims/${args.iccid}`,
        data: { action: "deactivate" },
        auth: args.auth
      })
  },
  {
    name: "reactivateSIM",
    method: "reactivateSIM",
    kind: "dropped",
    prepare: async (sim) => {
      await http(sim, "PUT", `/v1/sims/${sim.seed.sims.user[0]}`, { json: { action: "deactivate" } })
      return {}
    },
    args: (fx) => ({ iccid: fx.seed.sims.user[0], mbLimit: 50, ...a(fx) }),
    reference: (api, args) =>
      api.put({
        uri: `/v1/sims/${args.iccid}`,
        data: { mb_limit: args.mbLimit, action: "reactivate" },
        auth: args.auth
      })
  },
  {
    name: "updateSIM",
    method: "updateSIM",
    kind: "dropped",
    args: (fx) => ({ iccid: fx.seed.sims.user[0], mbLimit: 3, ...a(fx) }),
    reference: (api, args) =>
      api.put({ uri: `/v1/sims/${args.iccid}`, data: { mb_limit: args.mbLimit }, auth: args.auth })
  },
  {
    name: "listAccessTokens",
    method: "listAccessTokens",
    kind: "dropped",
    args: (fx) => ({ username: fx.seed.user.username, password: fx.seed.user.password }),
    reference: (api, args) =>
      api.get({ uri: "/v1/access_tokens", headers: { Authorization: basic(args.username, args.password) } })
  },
  {
    name: "listAccessTokens (otp)",
    method: "listAccessTokens",
    kind: "dropped",
    args: (fx) => ({
      username: fx.seed.mfaUser.username,
      password: fx.seed.mfaUser.password,
      otp: fx.seed.mfaUser.otp
    }),
    reference: (api, args) =>
      api.get({
        uri: "/v1/access_tokens",
        query: { otp: args.otp },
        headers: { Authorization: basic(args.username, args.password) }
      }),
    requestDiffers: ["no-otp-in-url"],
    result: false
  },
  {
    name: "verifyUser",
    method: "verifyUser",
    kind: "dropped",
    args: (fx) => ({ token: fx.seed.unverifiedUser.verificationToken }),
    reference: (api, args) => api.post({ uri: "/v1/user/verify", data: { token: args.token } })
  }
]
