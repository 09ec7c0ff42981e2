/**
 * @since 0.1.0
 */
import type { Operation } from "@effect-particle/core"
import { compileCode } from "./compileCode.js"
import { downloadFirmwareBinary } from "./downloadFirmwareBinary.js"
import { getDeviceOsVersion } from "./getDeviceOsVersion.js"
import { listBuildTargets } from "./listBuildTargets.js"
import { listDeviceOsVersions } from "./listDeviceOsVersions.js"

/**
 * Every operation of `@effect-particle/firmware`, in README order. Importing it pulls in every
 * operation; import single functions from the package root to keep bundles small.
 *
 * @since 0.1.0
 * @category introspection
 */
export const operations: ReadonlyArray<Operation.Operation<any, any, any>> = [
  compileCode,
  downloadFirmwareBinary,
  listBuildTargets,
  listDeviceOsVersions,
  getDeviceOsVersion
]
