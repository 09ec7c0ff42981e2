/**
 * The records of the in-memory cloud. Fields that an index depends on (ids, owners, product membership,
 * serial numbers, names of keyed children) are `readonly`: only the owning store changes them.
 */

export type VariableValue = number | string | boolean
export type FunctionBehaviour = number | ((arg: string) => number)

export interface DeviceRecord {
  readonly id: string
  name: string
  readonly owner: string | undefined
  platformId: number
  readonly productId: number | undefined
  online: boolean
  unresponsive: boolean
  variables: Record<string, VariableValue>
  functions: Record<string, FunctionBehaviour>
  groups: Array<string>
  notes: string | null
  readonly serialNumber: string
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
  readonly id: string
  readonly username: string
  password: string
  mfa: boolean
  accountInfo: Record<string, unknown>
}

export interface TokenRecord {
  readonly token: string
  readonly username: string
  readonly expiresAt: number | null
  readonly client: string
  readonly scopes: ReadonlyArray<string>
  readonly customerOf: number | undefined
}

export interface RefreshRecord {
  readonly refreshToken: string
  readonly username: string
  readonly client: string
  readonly expiresAt: number
  readonly scopes: ReadonlyArray<string>
}

export interface GroupRecord {
  readonly name: string
  description: string
  color: string
  fw_version: number | null
}

export interface TeamMember {
  readonly username: string
  [field: string]: unknown
}

export interface CustomerRecord {
  readonly id: string
  readonly username: string
  password: string | undefined
}

export interface ProductFirmwareRecord {
  readonly _id: string
  readonly version: number
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

export interface ProductRecord {
  readonly id: number
  readonly slug: string
  name: string
  platformId: number
  description: string
  readonly orgId: string | undefined
  readonly groups: Map<string, GroupRecord>
  readonly team: Map<string, TeamMember>
  readonly customers: Map<string, CustomerRecord>
  readonly firmware: Map<number, ProductFirmwareRecord>
  config: Record<string, unknown> | undefined
  readonly deviceConfig: Map<string, Record<string, unknown>>
}

export interface OrgRecord {
  readonly id: string
  readonly slug: string
  name: string
  readonly members: Set<string>
}

export interface SimRecord {
  readonly iccid: string
  owner: string | undefined
  productId: number | undefined
  status: string
  deviceId: string | undefined
  deviceName: string | undefined
  activatedOn: string
  mbLimit: number | null
  carrier: string
}

export interface LibraryVersion {
  version: string
  archive: Uint8Array
  created: string
  attributes: Record<string, unknown>
}
export interface LibraryRecord {
  readonly name: string
  readonly owner: string | undefined
  visibility: "public" | "private"
  official: boolean
  verified: boolean
  installs: number
  versions: Array<LibraryVersion>
}

export interface IntegrationRecord {
  readonly id: string
  readonly owner: string
  readonly productId: number | undefined
  readonly orgId: string | undefined
  readonly legacyWebhook: boolean
  fields: Record<string, unknown>
  readonly created_at: string
}

export interface ClientRecord {
  readonly id: string
  name: string
  readonly type: string
  readonly secret: string
  redirect_uri?: string
  scope?: string
  readonly owner: string
  readonly productId: number | undefined
}

export interface BinaryRecord {
  readonly id: string
  readonly data: Uint8Array
  readonly owner: string
  readonly expiresAt: string
}

export interface DiagnosticRecord {
  updated_at: string
  deviceID: string
  payload: Record<string, unknown>
}
