/**
 * @since 0.1.0
 */
import type { Operation } from "@effect-particle/core"
import { listDevices } from "./listDevices.js"
import { listProductDevices } from "./listProductDevices.js"
import { getDevice } from "./getDevice.js"
import { claimDevice } from "./claimDevice.js"
import { addDeviceToProduct } from "./addDeviceToProduct.js"
import { removeDevice } from "./removeDevice.js"
import { removeDeviceOwner } from "./removeDeviceOwner.js"
import { renameDevice } from "./renameDevice.js"
import { signalDevice } from "./signalDevice.js"
import { setDeviceNotes } from "./setDeviceNotes.js"
import { markAsDevelopmentDevice } from "./markAsDevelopmentDevice.js"
import { lockDeviceProductFirmware } from "./lockDeviceProductFirmware.js"
import { unlockDeviceProductFirmware } from "./unlockDeviceProductFirmware.js"
import { updateDevice } from "./updateDevice.js"
import { unprotectDevice } from "./unprotectDevice.js"
import { provisionDevice } from "./provisionDevice.js"
import { getClaimCode } from "./getClaimCode.js"
import { lookupSerialNumber } from "./lookupSerialNumber.js"
import { sendPublicKey } from "./sendPublicKey.js"
import { downloadManufacturingBackup } from "./downloadManufacturingBackup.js"
import { getVariable } from "./getVariable.js"
import { callFunction } from "./callFunction.js"
import { flashDevice } from "./flashDevice.js"
import { pingDevice } from "./pingDevice.js"
import { refreshDeviceVitals } from "./refreshDeviceVitals.js"
import { getLastDeviceVitals } from "./getLastDeviceVitals.js"
import { getDeviceVitalsHistory } from "./getDeviceVitalsHistory.js"
import { getDeviceVitalsMetadata } from "./getDeviceVitalsMetadata.js"
import { getDeviceVitalsSummary } from "./getDeviceVitalsSummary.js"
import { batchUpdateDeviceGroups } from "./batchUpdateDeviceGroups.js"

/**
 * Every operation of `@effect-particle/devices`, in README order. Importing it pulls in every
 * operation; import single functions from the package root to keep bundles small.
 *
 * @since 0.1.0
 * @category introspection
 */
export const operations: ReadonlyArray<Operation.Operation<any, any, any>> = [
  listDevices,
  listProductDevices,
  getDevice,
  claimDevice,
  addDeviceToProduct,
  removeDevice,
  removeDeviceOwner,
  renameDevice,
  signalDevice,
  setDeviceNotes,
  markAsDevelopmentDevice,
  lockDeviceProductFirmware,
  unlockDeviceProductFirmware,
  updateDevice,
  unprotectDevice,
  provisionDevice,
  getClaimCode,
  lookupSerialNumber,
  sendPublicKey,
  downloadManufacturingBackup,
  getVariable,
  callFunction,
  flashDevice,
  pingDevice,
  refreshDeviceVitals,
  getLastDeviceVitals,
  getDeviceVitalsHistory,
  getDeviceVitalsMetadata,
  getDeviceVitalsSummary,
  batchUpdateDeviceGroups
]
