// Operations defined only for the core tests: they exercise every feature of Operation.make.
import { Input, Operation, ParticleError } from "@effect-particle/core"
import * as Schema from "effect/Schema"

export const Device = Schema.Struct({
  id: Schema.String,
  name: Schema.NullOr(Schema.String),
  online: Schema.Boolean
})

export const getDevice = Operation.make({
  name: "getDevice",
  summary: "test: get one device",
  method: "GET",
  routes: Operation.scoped("/devices/{deviceId}", "user", "product", "org"),
  input: Schema.Struct({
    deviceId: Input.DeviceIdOrName,
    product: Schema.optional(Input.Product),
    org: Schema.optional(Input.Org)
  }),
  response: Operation.json(Device),
  errors: [ParticleError.NotFound, ParticleError.BadRequest, ParticleError.DeviceTimeout]
})

export const listDevices = Operation.make({
  name: "listDevices",
  summary: "test: list devices with paging",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/devices" }],
  input: Schema.Struct({
    product: Input.Product,
    page: Schema.optional(Input.Page),
    perPage: Schema.optional(Input.PerPage),
    groups: Schema.optional(Schema.Array(Schema.String)),
    name: Schema.optional(Schema.NullOr(Schema.String)),
    flag: Schema.optional(Schema.Boolean)
  }),
  query: (i) => ({ page: i.page, per_page: i.perPage, groups: i.groups, deviceName: i.name, flag: i.flag }),
  response: Operation.json(Schema.Struct({
    devices: Schema.Array(Device),
    meta: Schema.Struct({ total_pages: Schema.Number })
  }))
})

export const callFunction = Operation.make({
  name: "callFunction",
  summary: "test: JSON POST",
  method: "POST",
  routes: [{ path: "/v1/devices/{deviceId}/{name}" }],
  input: Schema.Struct({
    deviceId: Input.DeviceIdOrName,
    name: Input.NonEmpty,
    argument: Schema.optional(Schema.String)
  }),
  body: (i) => Operation.jsonBody({ args: i.argument }),
  response: Operation.json(Schema.Struct({ return_value: Schema.Number })),
  errors: [ParticleError.NotFound]
})

export const login = Operation.make({
  name: "login",
  summary: "test: form POST without auth",
  method: "POST",
  routes: [{ path: "/oauth/token" }],
  auth: false,
  input: Schema.Struct({ username: Input.NonEmpty, password: Input.NonEmpty }),
  body: (i) =>
    Operation.formBody({
      username: i.username,
      password: i.password,
      grant_type: "password",
      client_id: "particle-api"
    }),
  response: Operation.json(Schema.Struct({ access_token: Schema.String })),
  errors: [ParticleError.BadRequest, ParticleError.Forbidden]
})

export const flash = Operation.make({
  name: "flashDevice",
  summary: "test: multipart PUT",
  method: "PUT",
  routes: [{ path: "/v1/devices/{deviceId}" }],
  input: Schema.Struct({
    deviceId: Input.DeviceIdOrName,
    files: Input.Files,
    targetVersion: Schema.optional(Schema.String)
  }),
  body: (i) =>
    Operation.multipartBody([
      ...Operation.fileParts(i.files),
      ...Operation.fieldParts(i.targetVersion ? { build_target_version: i.targetVersion } : { latest: "true" })
    ]),
  response: Operation.json(Schema.Struct({ status: Schema.String }))
})

export const remove = Operation.make({
  name: "removeDevice",
  summary: "test: DELETE answering 204",
  method: "DELETE",
  routes: [{ path: "/v1/products/{product}/devices/{deviceId}" }],
  input: Schema.Struct({ deviceId: Input.DeviceId, product: Input.Product }),
  response: Operation.empty
})

export const check = Operation.make({
  name: "checkSIM",
  summary: "test: HEAD",
  method: "HEAD",
  routes: [{ path: "/v1/sims/{iccid}" }],
  input: Schema.Struct({ iccid: Input.NonEmpty }),
  response: Operation.empty,
  errors: [ParticleError.NotFound]
})

export const download = Operation.make({
  name: "downloadFirmwareBinary",
  summary: "test: binary GET",
  method: "GET",
  routes: [{ path: "/v1/binaries/{binaryId}" }],
  input: Schema.Struct({ binaryId: Input.NonEmpty }),
  response: Operation.bytes,
  errors: [ParticleError.NotFound]
})

export const createLedger = Operation.make({
  name: "createLedger",
  summary: "test: documents 409 and 422",
  method: "POST",
  routes: [{ path: "/v1/ledgers" }],
  input: Schema.Struct({ name: Input.NonEmpty }),
  body: (i) => Operation.jsonBody({ ledger: { name: i.name } }),
  response: Operation.json(Schema.Struct({ ledger: Schema.Struct({ name: Schema.String }) })),
  errors: [ParticleError.Conflict, ParticleError.UnprocessableEntity]
})

export const downloadProductFirmware = Operation.make({
  name: "downloadProductFirmware",
  summary: "test: a file with headers",
  method: "GET",
  routes: [{ path: "/v1/products/{product}/firmware/{version}/binary" }],
  input: Schema.Struct({ product: Input.Product, version: Schema.Number }),
  response: Operation.file
})

export const downloadFile = Operation.make({
  name: "downloadFile",
  summary: "test: an absolute URL",
  method: "GET",
  routes: [{ url: "uri" }],
  input: Schema.Struct({ uri: Schema.String }),
  response: Operation.bytes
})

export const compile = Operation.make({
  name: "compileCode",
  summary: "test: a longer per-operation timeout, and named parts",
  method: "POST",
  routes: [{ path: "/v1/binaries" }],
  input: Schema.Struct({ files: Input.Files }),
  body: (i) =>
    Operation.multipartBody([
      ...Operation.fileParts(i.files, { name: "binary", maxBytes: 4 }),
      ...Operation.fieldParts({ n: 1, skipped: undefined })
    ]),
  response: Operation.json(Schema.Struct({ ok: Schema.Boolean })),
  timeout: "10 seconds"
})

export const setConfig = Operation.make({
  name: "setConfig",
  summary: "test: an idempotent PUT",
  method: "PUT",
  routes: [{ path: "/v1/products/{product}/config" }],
  input: Schema.Struct({ product: Input.Product }),
  body: () => Operation.jsonBody({ a: 1 }, "application/schema+json"),
  response: Operation.empty,
  idempotent: true
})

export const rename = Operation.make({
  name: "renameDevice",
  summary: "test: a PUT that is not idempotent",
  method: "PUT",
  routes: [{ path: "/v1/devices/{deviceId}" }],
  input: Schema.Struct({ deviceId: Schema.String }),
  response: Operation.empty
})

export const events = Operation.make({
  name: "openEventStream",
  summary: "test: a stream with an optional segment",
  method: "GET",
  routes: [
    { path: "/v1/devices/events{/name}", when: (i: { readonly deviceId?: string }) => i.deviceId === "mine" },
    { path: "/v1/devices/{deviceId}/events{/name}" }
  ],
  input: Schema.Struct({ deviceId: Schema.String, name: Schema.optional(Schema.String) }),
  response: Operation.stream,
  errors: [ParticleError.NotFound]
})
