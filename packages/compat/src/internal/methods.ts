/**
 * The table of the facade: for every particle-api-js method, the operation(s) it runs and how
 * particle-api-js's options become that operation's options. Paths, bodies, queries and headers live in
 * the operation definitions of the domain packages; nothing here builds a request. Where particle-api-js
 * tests an option for truthiness (`product ? … : …`), the mapping does the same.
 */
import * as Auth from "@effect-particle/auth"
import { Operation, type ParticleError } from "@effect-particle/core"
import * as Devices from "@effect-particle/devices"
import * as Env from "@effect-particle/env"
import * as Events from "@effect-particle/events"
import * as Firmware from "@effect-particle/firmware"
import * as Integrations from "@effect-particle/integrations"
import * as Ledger from "@effect-particle/ledger"
import * as Libraries from "@effect-particle/libraries"
import * as Logic from "@effect-particle/logic"
import * as Products from "@effect-particle/products"
import * as Sims from "@effect-particle/sims"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type { Context } from "./context.js"
import { Invalid, Refusal } from "./errors.js"
import { flashTinker } from "./generic.js"

// ------------------------------------------------------------------------------------------------- types

/**
 * Options every method takes besides its own (particle-api-js's `auth`, `headers`, `context`, plus
 * `abortSignal`).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle()
 * const controller = new AbortController()
 * setTimeout(() => controller.abort(), 5_000)
 * await particle.getUserInfo({ auth: "a-token", headers: { "X-Request-Id": "42" }, abortSignal: controller.signal })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export interface CallOptions {
  /** The access token of this call; the default one (`auth` of the constructor, `setDefaultAuth`) otherwise. */
  readonly auth?: string | undefined
  /** Headers sent with this call, last (they win over every other header). */
  readonly headers?: Readonly<Record<string, string>> | undefined
  /** `X-Particle-Tool` / `X-Particle-Project` for this call (merged over `setContext`'s). */
  readonly context?: Context | undefined
  /**
   * Cancels the call (an extension: particle-api-js has no cancellation); it then rejects. Not `signal`,
   * which `signalDevice` and `updateDevice` take for the device's LED signal.
   */
  readonly abortSignal?: AbortSignal | undefined
}

/**
 * Options of the methods particle-api-js gives no `auth` option (`login`, `sendOtp`, `createUser`,
 * `downloadFile`, …). Unlike particle-api-js, the default token is not sent where the endpoint takes none.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const { body } = await new Particle().login({ username: "me@example.com", password: "secret", headers: { "X-A": "1" } })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type NoAuthOptions = Omit<CallOptions, "auth">

/**
 * A file to upload: a path (Node), bytes, a `Blob`/`File`, or a stream of bytes (a Node `Readable`).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 * import { createReadStream } from "node:fs"
 *
 * await new Particle({ auth: "a-token" }).compileCode({
 *   files: { "app.ino": "./src/app.ino", "lib/util.h": createReadStream("./lib/util.h") },
 *   platformId: 13
 * })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type FileLike = string | Uint8Array | ArrayBuffer | Blob | AsyncIterable<Uint8Array>

/**
 * A product ID or slug.
 *
 * @example
 * ```ts
 * import type { ProductRef } from "@effect-particle/compat"
 *
 * const products: Array<ProductRef> = [4242, "my-fleet"]
 * ```
 *
 * @since 0.1.0
 * @category models
 */
export type ProductRef = string | number

/** What a mapping may read of the instance. */
export interface Settings {
  readonly clientId: string
  readonly clientSecret: string
  readonly tokenDuration: number
  readonly baseUrl: string
}

/** One method of the table. `R` says what it resolves with. */
export interface Entry<O = any, R extends "json" | "binary" = "json" | "binary"> {
  /** every operation the method may run (for introspection and tests) */
  readonly ops: ReadonlyArray<Operation.Any>
  /** the operation for these options, and its options; throws `Refusal` where particle-api-js refuses */
  readonly select: (o: O, settings: Settings) => readonly [Operation.Any, unknown]
  /** `"call"`: `auth` or the default token; `"default"`: only the default token (no `auth` option) */
  readonly auth: "call" | "default"
  readonly result: R
  /** option fields holding one file, and fields holding `{ [filename]: file }`, read before the call */
  readonly file?: ReadonlyArray<string> | undefined
  readonly files?: ReadonlyArray<string> | undefined
  /** the `Options` type, for the class's method types only */
  readonly _O?: O
}

interface More {
  readonly auth?: "call" | "default"
  readonly file?: ReadonlyArray<string>
  readonly files?: ReadonlyArray<string>
}

/** A method that always runs `operation`. */
const one = <O>(operation: Operation.Any, map: (o: O, s: Settings) => unknown, more: More = {}): Entry<O, "json"> => ({
  ops: [operation],
  select: (o, s) => [operation, map(o, s)],
  auth: more.auth ?? "call",
  result: "json",
  file: more.file,
  files: more.files
})

/** A method that runs one of `ops`, chosen from the options as particle-api-js chooses the URL. */
const choose = <O>(
  ops: ReadonlyArray<Operation.Any>,
  select: (o: O, s: Settings) => readonly [Operation.Any, unknown],
  more: More = {}
): Entry<O, "json"> => ({ ops, select, auth: more.auth ?? "call", result: "json", file: more.file, files: more.files })

/** A method that resolves with the bytes (a `Buffer` on Node, an `ArrayBuffer` in browsers). */
const bytes = <O>(entry: Entry<O, "json">): Entry<O, "binary"> => ({ ...entry, result: "binary" })

const verbatims = new WeakMap<Operation.Definition, Operation.Any>()

/**
 * An operation whose objects go out as the caller gave them, extra fields included, as particle-api-js
 * sends them: the options are validated by the operation's own schema first (a bad one is its
 * `InvalidInput`), then the same definition (routes, body, errors) runs on them undecoded. The domain
 * schemas of these options drop the fields they do not know (integration settings, a ledger, a Logic
 * function's `source`, a ledger instance, env-var ops), which particle-api-js would send.
 */
const verbatim = (operation: Operation.Any) => {
  let made = verbatims.get(operation.definition)
  if (made === undefined) {
    made = Operation.make({ ...operation.definition, input: Schema.Any }) as Operation.Any
    verbatims.set(operation.definition, made)
  }
  const run = made
  return (options: unknown): readonly [Operation.Any, unknown] => {
    const checked = Operation.requestPath(operation, options)
    if (Either.isLeft(checked)) throw new Invalid(checked.left as ParticleError.InvalidInput)
    return [run, options]
  }
}

/** A method that runs `operation` with its objects sent as given (see {@link verbatim}). */
const asGiven = <O>(operation: Operation.Any, map: (o: O, s: Settings) => unknown): Entry<O, "json"> => {
  const send = verbatim(operation)
  return { ops: [operation], select: (o, s) => send(map(o, s)), auth: "call", result: "json" }
}

/** particle-api-js's `x ? … : …` tests: a falsy option is no option. */
const t = <A>(value: A): A | undefined => (value ? value : undefined)

const scope = (o: { readonly product?: ProductRef | undefined; readonly org?: string | undefined }) => {
  if (o.product && o.org) throw new Refusal("Specify only one of: product or org")
  return { product: t(o.product), org: t(o.org) }
}

interface EnvScope {
  readonly product?: ProductRef | undefined
  readonly org?: string | undefined
  readonly deviceId?: string | undefined
  readonly sandbox?: boolean | undefined
}

/** Exactly one scope, as particle-api-js requires (where it throws synchronously, we reject). */
const envScope = (o: EnvScope) => {
  const count = [o.product, o.org, o.deviceId, o.sandbox].filter(Boolean).length
  if (count === 0) throw new Refusal("Specify one of: product, org, deviceId, or sandbox")
  if (count > 1) throw new Refusal("Specify only one of: product, org, deviceId, or sandbox")
  return { product: t(o.product), org: t(o.org), deviceId: t(o.deviceId), sandbox: o.sandbox ? true : undefined }
}

const invalidate = (asked: unknown): true | undefined => (asked ? true : undefined)

const platformId = (value: unknown): unknown => typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value

type O<T> = T & CallOptions
type D<T> = T & NoAuthOptions
type Device = { readonly deviceId: string; readonly product?: ProductRef | undefined }
type Org = { readonly org?: string | undefined }
type Json = Record<string, unknown>

// ------------------------------------------------------------------------------------------------- table

/** Every particle-api-js 12.0.3 endpoint method, and the ones it dropped. */
export const methods = {
  // ---- auth, user, tokens (17)
  /** `POST /oauth/token` (password grant) with the instance's client id and secret; no token is sent. */
  login: one<D<{ readonly username: string; readonly password: string; readonly tokenDuration?: number }>>(
    Auth.login,
    (o, s) => ({
      username: o.username,
      password: o.password,
      tokenDuration: o.tokenDuration ?? s.tokenDuration,
      clientId: s.clientId,
      clientSecret: s.clientSecret
    }),
    { auth: "default" }
  ),
  /** `POST /oauth/token` (MFA one-time password grant). */
  sendOtp: one<D<{ readonly mfaToken: string; readonly otp: string }>>(
    Auth.sendOtp,
    (o, s) => ({ mfaToken: o.mfaToken, otp: o.otp, clientId: s.clientId, clientSecret: s.clientSecret }),
    { auth: "default" }
  ),
  /** `POST /oauth/token` (client credentials grant of the instance's client). */
  loginAsClientOwner: one<D<{}>>(
    Auth.loginAsClientOwner,
    (_, s) => ({ clientId: s.clientId, clientSecret: s.clientSecret }),
    { auth: "default" }
  ),
  /** `GET /v1/user/mfa-enable`. */
  enableMfa: one<O<{}>>(Auth.enableMfa, () => ({})),
  /** `POST /v1/user/mfa-enable`. */
  confirmMfa: one<O<{ readonly mfaToken: string; readonly otp: string; readonly invalidateTokens?: boolean }>>(
    Auth.confirmMfa,
    (o) => ({ mfaToken: o.mfaToken, otp: o.otp, invalidateTokens: invalidate(o.invalidateTokens) })
  ),
  /** `PUT /v1/user/mfa-disable`. */
  disableMfa: one<O<{ readonly currentPassword: string }>>(
    Auth.disableMfa,
    (o) => ({ currentPassword: o.currentPassword })
  ),
  /** `POST /v1/users`. */
  createUser: one<
    D<{ readonly username: string; readonly password: string; readonly accountInfo?: Json; readonly utm?: Json }>
  >(
    Auth.createUser,
    (o) => ({ username: o.username, password: o.password, accountInfo: o.accountInfo, utm: o.utm }),
    { auth: "default" }
  ),
  /** `POST /v1/user/password-reset`. */
  resetPassword: one<D<{ readonly username: string }>>(Auth.resetPassword, (o) => ({ username: o.username }), {
    auth: "default"
  }),
  /** `DELETE /v1/access_tokens/:token`. */
  deleteAccessToken: one<D<{ readonly token: string }>>(Auth.deleteAccessToken, (o) => ({ token: o.token }), {
    auth: "default"
  }),
  /** `DELETE /v1/access_tokens/current`. */
  deleteCurrentAccessToken: one<O<{}>>(Auth.deleteCurrentAccessToken, () => ({})),
  /** `DELETE /v1/access_tokens`. */
  deleteActiveAccessTokens: one<O<{}>>(Auth.deleteActiveAccessTokens, () => ({})),
  /** `DELETE /v1/user`. */
  deleteUser: one<O<{ readonly password: string }>>(Auth.deleteUser, (o) => ({ password: o.password })),
  /** `GET /v1/user/identify`. */
  trackingIdentity: one<O<{ readonly full?: boolean }>>(Auth.trackingIdentity, (o) => ({ full: Boolean(o.full) })),
  /** `GET /v1/user`. */
  getUserInfo: one<O<{}>>(Auth.getUserInfo, () => ({})),
  /** `PUT /v1/user` with `account_info`. */
  setUserInfo: one<O<{ readonly accountInfo: Json }>>(Auth.setUserInfo, (o) => ({ accountInfo: o.accountInfo })),
  /** `PUT /v1/user` with `username`. */
  changeUsername: one<
    O<{ readonly currentPassword: string; readonly username: string; readonly invalidateTokens?: boolean }>
  >(
    Auth.changeUsername,
    (o) => ({
      username: o.username,
      currentPassword: o.currentPassword,
      invalidateTokens: invalidate(o.invalidateTokens)
    })
  ),
  /** `PUT /v1/user` with `password`. */
  changeUserPassword: one<
    O<{ readonly currentPassword: string; readonly password: string; readonly invalidateTokens?: boolean }>
  >(
    Auth.changeUserPassword,
    (o) => ({
      password: o.password,
      currentPassword: o.currentPassword,
      invalidateTokens: invalidate(o.invalidateTokens)
    })
  ),

  // ---- devices (19)
  /** `GET /v1/devices`, or with `product` one page of `GET /v1/products/:product/devices` with filters. */
  listDevices: choose<
    O<{
      readonly deviceId?: string
      readonly deviceName?: string
      readonly groups?: ReadonlyArray<string>
      readonly sortAttr?: string
      readonly sortDir?: string
      readonly page?: number
      readonly perPage?: number
      readonly product?: ProductRef
    }>
  >(
    [Devices.listDevices, Devices.listProductDevices],
    (o) =>
      o.product
        ? [Devices.listProductDevices, {
          product: o.product,
          deviceId: o.deviceId,
          deviceName: o.deviceName,
          groups: Array.isArray(o.groups) ? o.groups : undefined,
          sortAttr: o.sortAttr,
          sortDir: o.sortDir,
          page: o.page,
          perPage: o.perPage
        }]
        : [Devices.listDevices, {}]
  ),
  /** `GET /v1/devices/:deviceId` (or the product device). */
  getDevice: one<O<Device>>(Devices.getDevice, (o) => ({ deviceId: o.deviceId, product: t(o.product) })),
  /** `POST /v1/devices` (claim). */
  claimDevice: one<O<{ readonly deviceId: string; readonly requestTransfer?: boolean }>>(
    Devices.claimDevice,
    (o) => ({ deviceId: o.deviceId, requestTransfer: Boolean(o.requestTransfer) })
  ),
  /** `POST /v1/products/:product/devices`: one device, or a file of them (`file` wins). */
  addDeviceToProduct: one<
    O<{ readonly product: ProductRef; readonly deviceId?: string; readonly file?: FileLike }>
  >(
    Devices.addDeviceToProduct,
    (o) => o.file ? { product: o.product, file: o.file } : { product: o.product, deviceId: t(o.deviceId) },
    { file: ["file"] }
  ),
  /** `DELETE /v1/devices/:deviceId` (a product device: with `{ deny }`). */
  removeDevice: one<O<Device & { readonly deny?: boolean }>>(
    Devices.removeDevice,
    (o) => ({ deviceId: o.deviceId, product: t(o.product), deny: o.product ? o.deny : undefined })
  ),
  /** `DELETE /v1/products/:product/devices/:deviceId/owner`. */
  removeDeviceOwner: one<O<{ readonly deviceId: string; readonly product: ProductRef }>>(
    Devices.removeDeviceOwner,
    (o) => ({ deviceId: o.deviceId, product: o.product })
  ),
  /** `PUT /v1/devices/:deviceId` with `{ name }`. */
  renameDevice: choose<O<Device & { readonly name: string }>>(
    [Devices.renameDevice, Devices.updateDevice],
    (o) =>
      o.name === undefined
        ? [Devices.updateDevice, { deviceId: o.deviceId, product: t(o.product) }]
        : [Devices.renameDevice, { deviceId: o.deviceId, product: t(o.product), name: o.name }]
  ),
  /** `PUT /v1/devices/:deviceId` with `{ signal: "1" | "0" }`. */
  signalDevice: choose<O<Device & { readonly signal: boolean }>>(
    [Devices.signalDevice, Devices.updateDevice],
    (o) =>
      o.signal === undefined
        ? [Devices.updateDevice, { deviceId: o.deviceId, product: t(o.product) }]
        : [Devices.signalDevice, { deviceId: o.deviceId, product: t(o.product), signal: Boolean(o.signal) }]
  ),
  /** `PUT /v1/devices/:deviceId` with `{ notes }`. */
  setDeviceNotes: choose<O<Device & { readonly notes: string }>>(
    [Devices.setDeviceNotes, Devices.updateDevice],
    (o) =>
      o.notes === undefined
        ? [Devices.updateDevice, { deviceId: o.deviceId, product: t(o.product) }]
        : [Devices.setDeviceNotes, { deviceId: o.deviceId, product: t(o.product), notes: o.notes }]
  ),
  /** `PUT /v1/products/:product/devices/:deviceId` with `{ development }` (default `true`). */
  markAsDevelopmentDevice: choose<O<Device & { readonly development?: boolean }>>(
    [Devices.markAsDevelopmentDevice, Devices.updateDevice],
    (o) =>
      o.product
        ? [Devices.markAsDevelopmentDevice, {
          deviceId: o.deviceId,
          product: o.product,
          development: o.development ?? true
        }]
        : [Devices.updateDevice, { deviceId: o.deviceId }]
  ),
  /** `PUT /v1/products/:product/devices/:deviceId` with `{ desired_firmware_version, flash }`. */
  lockDeviceProductFirmware: choose<
    O<Device & { readonly desiredFirmwareVersion: number; readonly flash?: boolean }>
  >(
    [Devices.lockDeviceProductFirmware, Devices.updateDevice],
    (o) =>
      o.product && o.desiredFirmwareVersion !== undefined && o.desiredFirmwareVersion !== null
        ? [Devices.lockDeviceProductFirmware, {
          deviceId: o.deviceId,
          product: o.product,
          desiredFirmwareVersion: o.desiredFirmwareVersion,
          flash: o.flash
        }]
        : [
          Devices.updateDevice,
          o.product ?
            {
              deviceId: o.deviceId,
              product: o.product,
              desiredFirmwareVersion: o.desiredFirmwareVersion,
              flash: o.flash
            } :
            { deviceId: o.deviceId }
        ]
  ),
  /** `PUT /v1/products/:product/devices/:deviceId` with `{ desired_firmware_version: null }`. */
  unlockDeviceProductFirmware: choose<O<Device>>(
    [Devices.unlockDeviceProductFirmware, Devices.updateDevice],
    (o) =>
      o.product
        ? [Devices.unlockDeviceProductFirmware, { deviceId: o.deviceId, product: o.product }]
        : [Devices.updateDevice, { deviceId: o.deviceId }]
  ),
  /** `PUT /v1/devices/:deviceId` with what is given (product devices: also development, firmware lock). */
  updateDevice: one<
    O<
      Device & {
        readonly name?: string
        readonly signal?: boolean
        readonly notes?: string
        readonly development?: boolean
        readonly desiredFirmwareVersion?: number | null
        readonly flash?: boolean
      }
    >
  >(Devices.updateDevice, (o) => {
    const common = {
      deviceId: o.deviceId,
      name: o.name,
      signal: o.signal === undefined ? undefined : Boolean(o.signal),
      notes: o.notes
    }
    return o.product
      ? {
        ...common,
        product: o.product,
        development: o.development,
        desiredFirmwareVersion: o.desiredFirmwareVersion,
        flash: o.flash
      }
      : common
  }),
  /** `PUT /v1/devices/:deviceId/unprotect` (org, product or user scope). */
  unprotectDevice: one<
    O<
      Device & Org & {
        readonly action: "prepare" | "confirm"
        readonly serverNonce?: string
        readonly deviceNonce?: string
        readonly deviceSignature?: string
        readonly devicePublicKeyFingerprint?: string
      }
    >
  >(Devices.unprotectDevice, (o) => ({
    deviceId: o.deviceId,
    org: t(o.org),
    product: t(o.product),
    action: o.action,
    deviceNonce: o.deviceNonce,
    serverNonce: o.serverNonce,
    deviceSignature: o.deviceSignature,
    devicePublicKeyFingerprint: o.devicePublicKeyFingerprint
  })),
  /** `POST /v1/devices` with `{ product_id }`. */
  provisionDevice: one<O<{ readonly productId: number }>>(
    Devices.provisionDevice,
    (o) => ({ productId: o.productId })
  ),
  /** `POST /v1/device_claims` (or the product's). */
  getClaimCode: one<O<{ readonly iccid?: string; readonly product?: ProductRef }>>(
    Devices.getClaimCode,
    (o) => ({ iccid: o.iccid, product: t(o.product) })
  ),
  /** `GET /v1/serial_numbers/:serialNumber`. */
  lookupSerialNumber: one<O<{ readonly serialNumber: string }>>(
    Devices.lookupSerialNumber,
    (o) => ({ serialNumber: o.serialNumber })
  ),
  /** `POST /v1/provisioning/:deviceId`. */
  sendPublicKey: one<O<{ readonly deviceId: string; readonly key: string | Uint8Array; readonly algorithm?: string }>>(
    Devices.sendPublicKey,
    (o) => ({ deviceId: o.deviceId, key: o.key, algorithm: t(o.algorithm) })
  ),
  /** `PUT /v1/devices/:deviceId/backup_files`: the bytes. */
  downloadManufacturingBackup: bytes(
    one<O<{ readonly deviceId: string }>>(Devices.downloadManufacturingBackup, (o) => ({ deviceId: o.deviceId }))
  ),

  // ---- function, variable, flash, compile (5)
  /** `GET /v1/devices/:deviceId/:name`. */
  getVariable: one<O<Device & { readonly name: string }>>(
    Devices.getVariable,
    (o) => ({ deviceId: o.deviceId, name: o.name, product: t(o.product) })
  ),
  /** `POST /v1/devices/:deviceId/:name` with `{ args }`. */
  callFunction: one<O<Device & { readonly name: string; readonly argument?: string }>>(
    Devices.callFunction,
    (o) => ({ deviceId: o.deviceId, name: o.name, argument: o.argument, product: t(o.product) })
  ),
  /** `PUT /v1/devices/:deviceId` (multipart: the files, then `build_target_version` or `latest`). */
  flashDevice: one<
    O<Device & { readonly files: Readonly<Record<string, FileLike>>; readonly targetVersion?: string }>
  >(
    Devices.flashDevice,
    (o) => ({ deviceId: o.deviceId, product: t(o.product), files: o.files, targetVersion: t(o.targetVersion) }),
    { files: ["files"] }
  ),
  /** `POST /v1/binaries` (multipart). */
  compileCode: one<
    O<
      {
        readonly files: Readonly<Record<string, FileLike>>
        readonly platformId?: number | string
        readonly targetVersion?: string
      }
    >
  >(
    Firmware.compileCode,
    (o) => ({ files: o.files, platformId: platformId(o.platformId), targetVersion: t(o.targetVersion) }),
    { files: ["files"] }
  ),
  /** `GET /v1/binaries/:binaryId`: the bytes. */
  downloadFirmwareBinary: bytes(
    one<O<{ readonly binaryId: string }>>(Firmware.downloadFirmwareBinary, (o) => ({ binaryId: o.binaryId }))
  ),

  // ---- events (getEventStream is a method of its own)
  /** `POST /v1/devices/events` (or the product's) with `{ name, data, private }`. */
  publishEvent: one<
    O<{ readonly name: string; readonly data?: string; readonly isPrivate?: boolean; readonly product?: ProductRef }>
  >(
    Events.publishEvent,
    (o) => ({ name: o.name, data: o.data, isPrivate: o.isPrivate, product: t(o.product) })
  ),

  // ---- webhooks and integrations (7)
  /** `POST /v1/webhooks` (legacy webhook API). */
  createWebhook: one<
    O<{
      readonly event: string
      readonly url: string
      readonly device?: string
      readonly rejectUnauthorized?: boolean
      readonly noDefaults?: boolean
      readonly hook?: Json
      readonly product?: ProductRef
    }>
  >(Integrations.createWebhook, (o) => ({
    event: o.event,
    url: o.url,
    device: o.device,
    rejectUnauthorized: o.rejectUnauthorized,
    noDefaults: o.noDefaults,
    hook: t(o.hook),
    product: t(o.product)
  })),
  /** `DELETE /v1/webhooks/:hookId`. */
  deleteWebhook: one<O<{ readonly hookId: string; readonly product?: ProductRef }>>(
    Integrations.deleteWebhook,
    (o) => ({ hookId: o.hookId, product: t(o.product) })
  ),
  /** `GET /v1/webhooks`. */
  listWebhooks: one<O<{ readonly product?: ProductRef }>>(
    Integrations.listWebhooks,
    (o) => ({ product: t(o.product) })
  ),
  /** `POST /v1/integrations` (or the product's or org's) with `{ event, deviceid, ...settings }`. */
  createIntegration: asGiven<
    O<
      Org & {
        readonly event: string
        readonly settings: Json
        readonly deviceId?: string
        readonly product?: ProductRef
      }
    >
  >(Integrations.createIntegration, (o) => ({
    ...scope(o),
    event: o.event,
    settings: o.settings,
    deviceId: o.deviceId
  })),
  /** `PUT /v1/integrations/:integrationId`. */
  editIntegration: asGiven<
    O<
      Org & {
        readonly integrationId: string
        readonly event: string
        readonly settings: Json
        readonly deviceId?: string
        readonly product?: ProductRef
      }
    >
  >(Integrations.editIntegration, (o) => ({
    ...scope(o),
    integrationId: o.integrationId,
    event: o.event,
    settings: o.settings,
    deviceId: o.deviceId
  })),
  /** `DELETE /v1/integrations/:integrationId`. */
  deleteIntegration: one<O<Org & { readonly integrationId: string; readonly product?: ProductRef }>>(
    Integrations.deleteIntegration,
    (o) => ({ ...scope(o), integrationId: o.integrationId })
  ),
  /** `GET /v1/integrations`. */
  listIntegrations: one<O<Org & { readonly product?: ProductRef }>>(Integrations.listIntegrations, (o) => scope(o)),

  // ---- SIM cards (5)
  /** `GET /v1/sims`, or one page of the product's with filters. */
  listSIMs: one<
    O<{
      readonly iccid?: string
      readonly deviceId?: string
      readonly deviceName?: string
      readonly page?: number
      readonly perPage?: number
      readonly product?: ProductRef
    }>
  >(
    Sims.listSIMs,
    (o) =>
      o.product
        ? {
          product: o.product,
          iccid: o.iccid,
          deviceId: o.deviceId,
          deviceName: o.deviceName,
          page: o.page,
          perPage: o.perPage
        }
        : {}
  ),
  /** `GET /v1/sims/:iccid/data_usage`. */
  getSIMDataUsage: one<O<{ readonly iccid: string; readonly product?: ProductRef }>>(
    Sims.getSIMDataUsage,
    (o) => ({ iccid: o.iccid, product: t(o.product) })
  ),
  /** `GET /v1/products/:product/sims/data_usage`. */
  getFleetDataUsage: one<O<{ readonly product: ProductRef }>>(
    Sims.getFleetDataUsage,
    (o) => ({ product: o.product })
  ),
  /** `HEAD /v1/sims/:iccid`. */
  checkSIM: one<O<{ readonly iccid: string }>>(Sims.checkSIM, (o) => ({ iccid: o.iccid })),
  /** `DELETE /v1/sims/:iccid`. */
  removeSIM: one<O<{ readonly iccid: string; readonly product?: ProductRef }>>(
    Sims.removeSIM,
    (o) => ({ iccid: o.iccid, product: t(o.product) })
  ),

  // ---- products, firmware, team, customers, configuration, locations (20)
  /** `GET /v1/products`. */
  listProducts: one<O<{}>>(Products.listProducts, () => ({})),
  /** `GET /v1/products/:product`. */
  getProduct: one<O<{ readonly product: ProductRef }>>(Products.getProduct, (o) => ({ product: o.product })),
  /** `GET /v1/products/:product/firmware`. */
  listProductFirmware: one<O<{ readonly product: ProductRef }>>(
    Products.listProductFirmware,
    (o) => ({ product: o.product })
  ),
  /** `POST /v1/products/:product/firmware` (multipart: `firmware.bin`, version, title, description). */
  uploadProductFirmware: one<
    O<{
      readonly file: FileLike
      readonly version: number
      readonly title: string
      readonly description?: string
      readonly product: ProductRef
    }>
  >(
    Products.uploadProductFirmware,
    (o) => ({ product: o.product, file: o.file, version: o.version, title: o.title, description: o.description }),
    { file: ["file"] }
  ),
  /** `GET /v1/products/:product/firmware/:version`. */
  getProductFirmware: one<O<{ readonly version: number; readonly product: ProductRef }>>(
    Products.getProductFirmware,
    (o) => ({ product: o.product, version: o.version })
  ),
  /** `PUT /v1/products/:product/firmware/:version`. */
  updateProductFirmware: one<
    O<{
      readonly version: number
      readonly title?: string
      readonly description?: string
      readonly product: ProductRef
    }>
  >(
    Products.updateProductFirmware,
    (o) => ({ product: o.product, version: o.version, title: o.title, description: o.description })
  ),
  /** `GET /v1/products/:product/firmware/:version/binary`: the bytes. */
  downloadProductFirmware: bytes(
    one<O<{ readonly version: number; readonly product: ProductRef }>>(
      Products.downloadProductFirmware,
      (o) => ({ product: o.product, version: o.version })
    )
  ),
  /** `PUT /v1/products/:product/firmware/release` (options in snake case, as particle-api-js names them). */
  releaseProductFirmware: one<
    O<{
      readonly version: number
      readonly product: ProductRef
      readonly product_default?: boolean
      readonly groups?: ReadonlyArray<string>
      readonly intelligent?: boolean
    }>
  >(Products.releaseProductFirmware, (o) => ({
    product: o.product,
    version: o.version,
    productDefault: o.product_default,
    groups: o.groups,
    intelligent: o.intelligent
  })),
  /** `GET /v1/products/:product/team`. */
  listTeamMembers: one<O<{ readonly product: ProductRef }>>(
    Products.listTeamMembers,
    (o) => ({ product: o.product })
  ),
  /** `POST /v1/products/:product/team`. */
  inviteTeamMember: one<O<{ readonly username: string; readonly product: ProductRef }>>(
    Products.inviteTeamMember,
    (o) => ({ product: o.product, username: o.username })
  ),
  /** `DELETE /v1/products/:product/team/:username`. */
  removeTeamMember: one<O<{ readonly username: string; readonly product: ProductRef }>>(
    Products.removeTeamMember,
    (o) => ({ product: o.product, username: o.username })
  ),
  /** `POST /v1/products/:product/customers` with the instance's client credentials (form). */
  createCustomer: one<D<{ readonly email: string; readonly password?: string; readonly product: ProductRef }>>(
    Auth.createCustomer,
    (o, s) => ({
      product: o.product,
      email: o.email,
      password: o.password,
      clientId: s.clientId,
      clientSecret: s.clientSecret
    }),
    { auth: "default" }
  ),
  /** `GET /v1/products/:product/config`. */
  getProductConfiguration: one<O<{ readonly product: ProductRef }>>(
    Products.getProductConfiguration,
    (o) => ({ product: o.product })
  ),
  /** `GET /v1/products/:product/config` with `Accept: application/schema+json`. */
  getProductConfigurationSchema: one<O<{ readonly product: ProductRef }>>(
    Products.getProductConfigurationSchema,
    (o) => ({ product: o.product })
  ),
  /** `GET /v1/products/:product/config/:deviceId`. */
  getProductDeviceConfiguration: one<O<{ readonly product: ProductRef; readonly deviceId: string }>>(
    Products.getProductDeviceConfiguration,
    (o) => ({ product: o.product, deviceId: o.deviceId })
  ),
  /** `GET /v1/products/:product/config/:deviceId` with `Accept: application/schema+json`. */
  getProductDeviceConfigurationSchema: one<O<{ readonly product: ProductRef; readonly deviceId: string }>>(
    Products.getProductDeviceConfigurationSchema,
    (o) => ({ product: o.product, deviceId: o.deviceId })
  ),
  /** `PUT /v1/products/:product/config` with `config` as the body. */
  setProductConfiguration: one<O<{ readonly product: ProductRef; readonly config: Json }>>(
    Products.setProductConfiguration,
    (o) => ({ product: o.product, config: o.config })
  ),
  /** `PUT /v1/products/:product/config/:deviceId` with `config` as the body. */
  setProductDeviceConfiguration: one<
    O<{ readonly product: ProductRef; readonly deviceId: string; readonly config: Json }>
  >(
    Products.setProductDeviceConfiguration,
    (o) => ({ product: o.product, deviceId: o.deviceId, config: o.config })
  ),
  /** `GET /v1/products/:product/locations`. */
  getProductLocations: one<
    O<{
      readonly product: ProductRef
      readonly dateRange?: string
      readonly rectBl?: string
      readonly rectTr?: string
      readonly deviceId?: string
      readonly deviceName?: string
      readonly groups?: ReadonlyArray<string>
      readonly page?: number
      readonly perPage?: number
    }>
  >(Products.getProductLocations, (o) => ({
    product: o.product,
    dateRange: o.dateRange,
    rectBl: o.rectBl,
    rectTr: o.rectTr,
    deviceId: o.deviceId,
    deviceName: o.deviceName,
    groups: o.groups,
    page: o.page,
    perPage: o.perPage
  })),
  /** `GET /v1/products/:product/locations/:deviceId`. */
  getProductDeviceLocations: one<
    O<{
      readonly product: ProductRef
      readonly deviceId: string
      readonly dateRange?: string
      readonly rectBl?: string
      readonly rectTr?: string
    }>
  >(Products.getProductDeviceLocations, (o) => ({
    product: o.product,
    deviceId: o.deviceId,
    dateRange: o.dateRange,
    rectBl: o.rectBl,
    rectTr: o.rectTr
  })),

  // ---- libraries and files (7)
  /** `GET /v1/libraries`. */
  listLibraries: one<
    O<{
      readonly page?: number
      readonly limit?: number
      readonly filter?: string
      readonly sort?: string
      readonly architectures?: string | ReadonlyArray<string>
      readonly category?: string
      readonly scope?: string
      readonly excludeScopes?: string | ReadonlyArray<string>
    }>
  >(Libraries.listLibraries, (o) => ({
    page: o.page,
    filter: o.filter,
    limit: o.limit,
    sort: o.sort,
    architectures: o.architectures,
    category: o.category,
    scope: o.scope,
    excludeScopes: o.excludeScopes
  })),
  /** `GET /v1/libraries/:name`. */
  getLibrary: one<O<{ readonly name: string; readonly version?: string }>>(
    Libraries.getLibrary,
    (o) => ({ name: o.name, version: o.version })
  ),
  /** `GET /v1/libraries/:name/versions`. */
  getLibraryVersions: one<O<{ readonly name: string; readonly page?: number; readonly limit?: number }>>(
    Libraries.getLibraryVersions,
    (o) => ({ name: o.name, page: o.page, limit: o.limit })
  ),
  /** `POST /v1/libraries` (multipart `archive.tar.gz`). */
  contributeLibrary: one<O<{ readonly archive: FileLike }>>(
    Libraries.contributeLibrary,
    (o) => ({ archive: o.archive }),
    { file: ["archive"] }
  ),
  /** `PATCH /v1/libraries/:name` with `{ visibility: "public" }`. */
  publishLibrary: one<O<{ readonly name: string }>>(Libraries.publishLibrary, (o) => ({ name: o.name })),
  /** `DELETE /v1/libraries/:name` with `{ force }`. */
  deleteLibrary: one<O<{ readonly name: string; readonly force?: string | boolean }>>(
    Libraries.deleteLibrary,
    (o) => ({ name: o.name, force: o.force })
  ),
  /** `GET <uri>`: the bytes; the token goes only to the base URL, never to another host. */
  downloadFile: bytes(
    one<D<{ readonly uri: string }>>(
      Libraries.downloadFile,
      (o, s) => ({ uri: typeof o.uri === "string" && o.uri.startsWith("/") ? s.baseUrl + o.uri : o.uri }),
      { auth: "default" }
    )
  ),

  // ---- OAuth clients (4)
  /** `GET /v1/clients` (or the product's). */
  listOAuthClients: one<O<{ readonly product?: ProductRef }>>(
    Auth.listOAuthClients,
    (o) => ({ product: t(o.product) })
  ),
  /** `POST /v1/clients` (or the product's). */
  createOAuthClient: one<
    O<{
      readonly name: string
      readonly type: string
      readonly redirect_uri?: string
      readonly scope?: string
      readonly product?: ProductRef
    }>
  >(Auth.createOAuthClient, (o) => ({
    name: o.name,
    type: o.type,
    redirect_uri: o.redirect_uri,
    scope: o.scope,
    product: t(o.product)
  })),
  /** `PUT /v1/clients/:clientId` (or the product's). */
  updateOAuthClient: one<
    O<{ readonly clientId: string; readonly name?: string; readonly scope?: string; readonly product?: ProductRef }>
  >(Auth.updateOAuthClient, (o) => ({ clientId: o.clientId, name: o.name, scope: o.scope, product: t(o.product) })),
  /** `DELETE /v1/clients/:clientId` (or the product's). */
  deleteOAuthClient: one<O<{ readonly clientId: string; readonly product?: ProductRef }>>(
    Auth.deleteOAuthClient,
    (o) => ({ clientId: o.clientId, product: t(o.product) })
  ),

  // ---- build targets and Device OS (3)
  /** `GET /v1/build_targets` (`?featured=true` with `onlyFeatured`). */
  listBuildTargets: one<O<{ readonly onlyFeatured?: boolean }>>(
    Firmware.listBuildTargets,
    (o) => ({ onlyFeatured: Boolean(o.onlyFeatured) })
  ),
  /** `GET /v1/device-os/versions`. */
  listDeviceOsVersions: one<
    O<{
      readonly platformId?: number
      readonly internalVersion?: number
      readonly page?: number
      readonly perPage?: number
    }>
  >(Firmware.listDeviceOsVersions, (o) => ({
    platformId: platformId(o.platformId),
    internalVersion: o.internalVersion,
    page: o.page,
    perPage: o.perPage
  })),
  /** `GET /v1/device-os/versions/:version`. */
  getDeviceOsVersion: one<O<{ readonly version: string; readonly platformId?: number }>>(
    Firmware.getDeviceOsVersion,
    (o) => ({ version: o.version, platformId: t(platformId(o.platformId)) })
  ),

  // ---- Logic (9)
  /** `POST /v1/logic/execute` (or the org's) with `logic` as the body. */
  executeLogic: asGiven<O<Org & { readonly logic: Json }>>(
    Logic.executeLogic,
    (o) => ({ org: t(o.org), logic: o.logic })
  ),
  /** `POST /v1/logic/functions`. */
  createLogicFunction: asGiven<O<Org & { readonly logicFunction: Json }>>(
    Logic.createLogicFunction,
    (o) => ({ org: t(o.org), logicFunction: o.logicFunction })
  ),
  /** `GET /v1/logic/functions/:logicFunctionId`. */
  getLogicFunction: one<O<Org & { readonly logicFunctionId: string }>>(
    Logic.getLogicFunction,
    (o) => ({ org: t(o.org), logicFunctionId: o.logicFunctionId })
  ),
  /** `PUT /v1/logic/functions/:logicFunctionId`. */
  updateLogicFunction: asGiven<O<Org & { readonly logicFunctionId: string; readonly logicFunction: Json }>>(
    Logic.updateLogicFunction,
    (o) => ({ org: t(o.org), logicFunctionId: o.logicFunctionId, logicFunction: o.logicFunction })
  ),
  /** `DELETE /v1/logic/functions/:logicFunctionId`. */
  deleteLogicFunction: one<O<Org & { readonly logicFunctionId: string }>>(
    Logic.deleteLogicFunction,
    (o) => ({ org: t(o.org), logicFunctionId: o.logicFunctionId })
  ),
  /** `GET /v1/logic/functions` (`?today_stats=`). */
  listLogicFunctions: one<O<Org & { readonly todayStats?: boolean }>>(
    Logic.listLogicFunctions,
    (o) => ({ org: t(o.org), todayStats: o.todayStats })
  ),
  /** `GET /v1/logic/functions/:logicFunctionId/runs`. */
  listLogicRuns: one<O<Org & { readonly logicFunctionId: string }>>(
    Logic.listLogicRuns,
    (o) => ({ org: t(o.org), logicFunctionId: o.logicFunctionId })
  ),
  /** `GET /v1/logic/functions/:logicFunctionId/runs/:logicRunId`. */
  getLogicRun: one<O<Org & { readonly logicFunctionId: string; readonly logicRunId: string }>>(
    Logic.getLogicRun,
    (o) => ({ org: t(o.org), logicFunctionId: o.logicFunctionId, logicRunId: o.logicRunId })
  ),
  /** `GET /v1/logic/functions/:logicFunctionId/runs/:logicRunId/logs`. */
  getLogicRunLogs: one<O<Org & { readonly logicFunctionId: string; readonly logicRunId: string }>>(
    Logic.getLogicRunLogs,
    (o) => ({ org: t(o.org), logicFunctionId: o.logicFunctionId, logicRunId: o.logicRunId })
  ),

  // ---- Ledger (11)
  /** `POST /v1/ledgers` with `{ ledger }`. */
  createLedger: asGiven<O<Org & { readonly ledger: Json }>>(
    Ledger.createLedger,
    (o) => ({ org: t(o.org), ledger: o.ledger })
  ),
  /** `GET /v1/ledgers/:ledgerName`. */
  getLedger: one<O<Org & { readonly ledgerName: string }>>(
    Ledger.getLedger,
    (o) => ({ org: t(o.org), ledgerName: o.ledgerName })
  ),
  /** `PUT /v1/ledgers/:ledgerName` with `{ ledger }`. */
  updateLedger: asGiven<O<Org & { readonly ledgerName: string; readonly ledger: Json }>>(
    Ledger.updateLedger,
    (o) => ({ org: t(o.org), ledgerName: o.ledgerName, ledger: o.ledger })
  ),
  /** `DELETE /v1/ledgers/:ledgerName`. */
  archiveLedger: one<O<Org & { readonly ledgerName: string }>>(
    Ledger.archiveLedger,
    (o) => ({ org: t(o.org), ledgerName: o.ledgerName })
  ),
  /** `GET /v1/ledgers`. */
  listLedgers: one<
    O<Org & { readonly scope?: string; readonly page?: number; readonly perPage?: number; readonly archived?: boolean }>
  >(Ledger.listLedgers, (o) => ({
    org: t(o.org),
    scope: o.scope,
    page: o.page,
    perPage: o.perPage,
    archived: o.archived
  })),
  /** `GET /v1/ledgers/:ledgerName/instances/:scopeValue`. */
  getLedgerInstance: one<O<Org & { readonly ledgerName: string; readonly scopeValue: string }>>(
    Ledger.getLedgerInstance,
    (o) => ({ org: t(o.org), ledgerName: o.ledgerName, scopeValue: o.scopeValue })
  ),
  /** `PUT /v1/ledgers/:ledgerName/instances/:scopeValue` (`?set_mode=`) with `{ instance }`. */
  setLedgerInstance: asGiven<
    O<
      Org & {
        readonly ledgerName: string
        readonly scopeValue: string
        readonly instance: Json
        readonly setMode?: string
      }
    >
  >(Ledger.setLedgerInstance, (o) => ({
    org: t(o.org),
    ledgerName: o.ledgerName,
    scopeValue: o.scopeValue,
    instance: o.instance,
    setMode: o.setMode
  })),
  /** `DELETE /v1/ledgers/:ledgerName/instances/:scopeValue`. */
  deleteLedgerInstance: one<O<Org & { readonly ledgerName: string; readonly scopeValue: string }>>(
    Ledger.deleteLedgerInstance,
    (o) => ({ org: t(o.org), ledgerName: o.ledgerName, scopeValue: o.scopeValue })
  ),
  /** `GET /v1/ledgers/:ledgerName/instances`. */
  listLedgerInstances: one<O<Org & { readonly ledgerName: string; readonly page?: number; readonly perPage?: number }>>(
    Ledger.listLedgerInstances,
    (o) => ({ org: t(o.org), ledgerName: o.ledgerName, page: o.page, perPage: o.perPage })
  ),
  /** `GET /v1/ledgers/:ledgerName/instances/:scopeValue/versions`. */
  listLedgerInstanceVersions: one<
    O<
      Org & {
        readonly ledgerName: string
        readonly scopeValue: string
        readonly replacedBefore?: string
        readonly replacedAfter?: string
      }
    >
  >(Ledger.listLedgerInstanceVersions, (o) => ({
    org: t(o.org),
    ledgerName: o.ledgerName,
    scopeValue: o.scopeValue,
    replacedBefore: o.replacedBefore,
    replacedAfter: o.replacedAfter
  })),
  /** `GET /v1/ledgers/:ledgerName/instances/:scopeValue/versions/:version`. */
  getLedgerInstanceVersion: one<
    O<Org & { readonly ledgerName: string; readonly scopeValue: string; readonly version: string | number }>
  >(Ledger.getLedgerInstanceVersion, (o) => ({
    org: t(o.org),
    ledgerName: o.ledgerName,
    scopeValue: o.scopeValue,
    version: o.version
  })),

  // ---- environment variables (7): exactly one of product, org, deviceId, sandbox
  /** `GET <scope>/env`. */
  listEnvVars: one<O<EnvScope>>(Env.listEnvVars, (o) => envScope(o)),
  /** `PATCH <scope>/env` with `{ ops }`. */
  updateEnvVars: asGiven<
    O<
      EnvScope & { readonly ops: ReadonlyArray<{ readonly op: string; readonly key: string; readonly value?: string }> }
    >
  >(
    Env.updateEnvVars,
    (o) => ({ ...envScope(o), ops: o.ops })
  ),
  /** `PUT <scope>/env/:key` with `{ value }`. */
  setEnvVar: one<O<EnvScope & { readonly key: string; readonly value: string }>>(
    Env.setEnvVar,
    (o) => ({ ...envScope(o), key: o.key, value: o.value })
  ),
  /** `DELETE <scope>/env/:key`. */
  deleteEnvVar: one<O<EnvScope & { readonly key: string }>>(Env.deleteEnvVar, (o) => ({ ...envScope(o), key: o.key })),
  /** `GET <scope>/env/render`. */
  renderEnvVars: one<O<EnvScope>>(Env.renderEnvVars, (o) => envScope(o)),
  /** `GET <scope>/env/rollout`. */
  reviewEnvVarsRollout: one<O<EnvScope>>(Env.reviewEnvVarsRollout, (o) => envScope(o)),
  /** `POST <scope>/env/rollout` with `{ when }`. */
  startEnvVarsRollout: one<O<EnvScope & { readonly when: string }>>(
    Env.startEnvVarsRollout,
    (o) => ({ ...envScope(o), when: o.when })
  ),

  // ---- names particle-api-js documented and 12.0.3 dropped
  /** Old name of `getDevice`. */
  getAttributes: one<O<Device>>(Devices.getDevice, (o) => ({ deviceId: o.deviceId, product: t(o.product) })),
  /** `PUT /v1/devices/:deviceId` with `{ app: "tinker" }` (particle-api-js ≤ 11; a deprecated endpoint). */
  flashTinker: one<O<{ readonly deviceId: string }>>(flashTinker, (o) => ({ deviceId: o.deviceId })),
  /**
   * `PUT /v1/sims/:iccid` with `{ country, promoCode, action: "activate" }`; with `product`,
   * `POST /v1/products/:product/sims` with `{ sims: iccids, country }` (particle-api-js ≤ 11).
   */
  activateSIM: choose<
    O<{
      readonly iccid?: string
      readonly iccids?: ReadonlyArray<string>
      readonly country?: string
      readonly promoCode?: string
      readonly product?: ProductRef
    }>
  >(
    [Sims.activateSIM, Sims.importSIMs],
    (o) =>
      o.product
        ? [Sims.importSIMs, { product: o.product, iccids: o.iccids || [o.iccid], country: o.country }]
        : [Sims.activateSIM, { iccid: o.iccid, country: o.country, promoCode: o.promoCode }]
  ),
  /** `PUT /v1/sims/:iccid` with `{ action: "deactivate" }` (particle-api-js ≤ 11). */
  deactivateSIM: one<O<{ readonly iccid: string; readonly product?: ProductRef }>>(
    Sims.deactivateSIM,
    (o) => ({ iccid: o.iccid, product: t(o.product) })
  ),
  /** `PUT /v1/sims/:iccid` with `{ mb_limit, action: "reactivate" }` (particle-api-js ≤ 11). */
  reactivateSIM: one<O<{ readonly iccid: string; readonly mbLimit?: number; readonly product?: ProductRef }>>(
    Sims.reactivateSIM,
    (o) => ({ iccid: o.iccid, mbLimit: o.mbLimit, product: t(o.product) })
  ),
  /** `PUT /v1/sims/:iccid` with `{ mb_limit }` (particle-api-js ≤ 11). */
  updateSIM: one<O<{ readonly iccid: string; readonly mbLimit: number; readonly product?: ProductRef }>>(
    Sims.updateSIM,
    (o) => ({ iccid: o.iccid, mbLimit: o.mbLimit, product: t(o.product) })
  ),
  /**
   * `GET /v1/access_tokens` with HTTP Basic `username:password` (particle-api-js ≤ 10). The one-time
   * password `otp` is never put in the URL, so MFA accounts are refused.
   */
  listAccessTokens: one<D<{ readonly username: string; readonly password: string; readonly otp?: string }>>(
    Auth.listAccessTokens,
    (o) => ({ username: o.username, password: o.password }),
    { auth: "default" }
  ),
  /** `POST /v1/user/verify` with `{ token }` (particle-api-js ≤ 11). */
  verifyUser: one<D<{ readonly token: string }>>(Auth.verifyUser, (o) => ({ token: o.token }), { auth: "default" })
} satisfies Record<string, Entry>

/** The names of the table. */
export type MethodName = keyof typeof methods

/** The particle-api-js 12.0.3 methods the table holds (116 with `getEventStream`, which is not in it). */
export const droppedNames: ReadonlyArray<MethodName> = [
  "getAttributes",
  "flashTinker",
  "activateSIM",
  "deactivateSIM",
  "reactivateSIM",
  "updateSIM",
  "listAccessTokens",
  "verifyUser"
]
