/**
 * The browser entry of `@effect-particle/compat` (picked by bundlers through the `browser` condition):
 * the client over `fetch` (no Node built-ins, no polyfills), binaries as `ArrayBuffer`, event streams on a
 * small built-in emitter. Same API as the Node entry.
 *
 * @since 0.1.0
 */
import { ParticleClient } from "@effect-particle/core"
import { MiniEmitter } from "./internal/emitter.js"
import { type Methods, ParticleBase, type ParticleOptions, type Platform } from "./internal/particle.js"
import { readUpload } from "./internal/platform.js"

const platform: Platform = {
  layer: ParticleClient.layerFetch,
  binary: (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  readFile: readUpload,
  Emitter: MiniEmitter
}

/**
 * particle-api-js 12.0.3's `Particle` for browsers, workers, Deno and Bun: binaries resolve as
 * `ArrayBuffer`, as particle-api-js resolves them in a browser.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({ auth: token })
 * const binary: ArrayBuffer = await particle.downloadFirmwareBinary({ binaryId: "5734a5d4a71c2601243809e6" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the methods are installed on the prototype from the method table
export class Particle extends ParticleBase {
  constructor(options: ParticleOptions = {}) {
    super(options, platform)
  }
}

/**
 * The endpoint methods of {@link Particle}, typed from the method table (binaries as `ArrayBuffer`).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle: Particle = new Particle()
 * const binary = await particle.downloadFirmwareBinary({ binaryId: "5734a5d4a71c2601243809e6", auth: "a-token" })
 * ```
 *
 * @since 0.1.0
 * @category models
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- their types, from the same table
export interface Particle extends Methods<ArrayBuffer> {}

/**
 * {@link Particle}, as the default export.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({ baseUrl: "https://api.particle.io" })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export default Particle

/**
 * {@link Particle} is also what `require("@effect-particle/compat")` returns (Node ≥ 20.19 loads this ES
 * module from CommonJS), as `require("particle-api-js")` returns its class.
 *
 * @example
 * ```ts
 * // CommonJS
 * const Particle = require("@effect-particle/compat")
 * const particle = new Particle({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export { Particle as "module.exports" }

export * from "./exports.js"
