/**
 * `@effect-particle/firmware`: cloud compilation, compiled binaries, build targets and Device OS
 * versions, one function per endpoint.
 *
 * @since 0.1.0
 */

/**
 * Schemas of the compile and binary responses.
 *
 * @since 0.1.0
 */
export * as Binary from "./Binary.js"

/**
 * Schemas of the build targets response.
 *
 * @since 0.1.0
 */
export * as BuildTarget from "./BuildTarget.js"

/**
 * Schemas of the Device OS version responses.
 *
 * @since 0.1.0
 */
export * as DeviceOs from "./DeviceOs.js"

/**
 * @since 0.1.0
 * @category compile
 */
export { compileCode } from "./compileCode.js"

/**
 * @since 0.1.0
 * @category binaries
 */
export { downloadFirmwareBinary } from "./downloadFirmwareBinary.js"

/**
 * @since 0.1.0
 * @category device os
 */
export { getDeviceOsVersion } from "./getDeviceOsVersion.js"

/**
 * @since 0.1.0
 * @category build targets
 */
export { listBuildTargets } from "./listBuildTargets.js"

/**
 * @since 0.1.0
 * @category device os
 */
export { listDeviceOsVersions } from "./listDeviceOsVersions.js"

/**
 * Every operation of this package, in README order (for docs tables and wire tests).
 *
 * @since 0.1.0
 * @category introspection
 */
export { operations } from "./operations.js"
