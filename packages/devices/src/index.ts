/**
 * `@effect-particle/devices`: devices, variables, functions, flashing, claiming, provisioning, device
 * protection, vitals and device groups of the Particle Device Cloud, one function per endpoint.
 *
 * @since 0.1.0
 */

/**
 * Schemas of device objects and of the device update answers.
 *
 * @since 0.1.0
 */
export * as Device from "./Device.js"

/**
 * Schemas of variable reads and function calls.
 *
 * @since 0.1.0
 */
export * as Cloud from "./Cloud.js"

/**
 * Schemas of the claiming, provisioning and serial-number answers.
 *
 * @since 0.1.0
 */
export * as Claim from "./Claim.js"

/**
 * Schemas of the device vitals (diagnostics) answers.
 *
 * @since 0.1.0
 */
export * as Diagnostics from "./Diagnostics.js"

/**
 * @since 0.1.0
 * @category products
 */
export { addDeviceToProduct } from "./addDeviceToProduct.js"

/**
 * @since 0.1.0
 * @category products
 */
export { batchUpdateDeviceGroups } from "./batchUpdateDeviceGroups.js"

/**
 * @since 0.1.0
 * @category variables and functions
 */
export { callFunction, MAX_FUNCTION_ARGUMENT_LENGTH } from "./callFunction.js"

/**
 * @since 0.1.0
 * @category claiming
 */
export { claimDevice } from "./claimDevice.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { downloadManufacturingBackup } from "./downloadManufacturingBackup.js"

/**
 * @since 0.1.0
 * @category firmware
 */
export { flashDevice } from "./flashDevice.js"

/**
 * @since 0.1.0
 * @category claiming
 */
export { getClaimCode } from "./getClaimCode.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { getDevice } from "./getDevice.js"

/**
 * @since 0.1.0
 * @category vitals
 */
export { getDeviceVitalsHistory } from "./getDeviceVitalsHistory.js"

/**
 * @since 0.1.0
 * @category vitals
 */
export { getDeviceVitalsMetadata } from "./getDeviceVitalsMetadata.js"

/**
 * @since 0.1.0
 * @category vitals
 */
export { getDeviceVitalsSummary } from "./getDeviceVitalsSummary.js"

/**
 * @since 0.1.0
 * @category vitals
 */
export { getLastDeviceVitals } from "./getLastDeviceVitals.js"

/**
 * @since 0.1.0
 * @category variables and functions
 */
export { getVariable } from "./getVariable.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { listDevices } from "./listDevices.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { listProductDevices, ProductDeviceFilters } from "./listProductDevices.js"

/**
 * @since 0.1.0
 * @category products
 */
export { lockDeviceProductFirmware } from "./lockDeviceProductFirmware.js"

/**
 * @since 0.1.0
 * @category claiming
 */
export { lookupSerialNumber } from "./lookupSerialNumber.js"

/**
 * @since 0.1.0
 * @category products
 */
export { markAsDevelopmentDevice } from "./markAsDevelopmentDevice.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { pingDevice } from "./pingDevice.js"

/**
 * @since 0.1.0
 * @category claiming
 */
export { provisionDevice } from "./provisionDevice.js"

/**
 * @since 0.1.0
 * @category vitals
 */
export { refreshDeviceVitals } from "./refreshDeviceVitals.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { removeDevice } from "./removeDevice.js"

/**
 * @since 0.1.0
 * @category products
 */
export { removeDeviceOwner } from "./removeDeviceOwner.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { renameDevice } from "./renameDevice.js"

/**
 * @since 0.1.0
 * @category claiming
 */
export { sendPublicKey } from "./sendPublicKey.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { setDeviceNotes } from "./setDeviceNotes.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { signalDevice } from "./signalDevice.js"

/**
 * @since 0.1.0
 * @category products
 */
export { unlockDeviceProductFirmware } from "./unlockDeviceProductFirmware.js"

/**
 * @since 0.1.0
 * @category protection
 */
export { unprotectDevice } from "./unprotectDevice.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { updateDevice } from "./updateDevice.js"

/**
 * @since 0.1.0
 * @category devices
 */
export { streamDevices, type StreamDevicesOptions } from "./streamDevices.js"

/**
 * Every operation of this package, in README order (for docs tables and wire tests).
 *
 * @since 0.1.0
 * @category introspection
 */
export { operations } from "./operations.js"
