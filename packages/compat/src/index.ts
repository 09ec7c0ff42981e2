/**
 * `@effect-particle/compat`: a drop-in replacement for particle-api-js 12's `Particle` class. Change
 * `import Particle from "particle-api-js"` to `import Particle from "@effect-particle/compat"`; every
 * method sends what particle-api-js sends and resolves what it resolves, with timeouts, cancellation, no
 * token sent to other hosts and an event stream that loses nothing and stops when it should. This is the
 * Node entry (the client over `node:http`, binaries as `Buffer`); bundlers for browsers pick
 * `browser.js` (the client over `fetch`, binaries as `ArrayBuffer`).
 *
 * @since 0.1.0
 */
import * as NodeParticle from "@effect-particle/core/node"
import { Buffer } from "node:buffer"
import { EventEmitter } from "node:events"
import { type Methods, ParticleBase, type ParticleOptions, type Platform } from "./internal/particle.js"
import { readUpload } from "./internal/platform.js"

const platform: Platform = {
  layer: NodeParticle.layer,
  binary: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  readFile: readUpload,
  Emitter: EventEmitter
}

/**
 * particle-api-js 12.0.3's `Particle`: the same constructor options and defaults, every endpoint method
 * (and the names 12.0.3 dropped), the generic verbs, `getEventStream`, `setDefaultAuth`, `setBaseUrl`,
 * `setContext`, `client` and `deviceUri`. Methods resolve `{ statusCode, body }` (binaries: a `Buffer`)
 * and reject with a {@link ParticleApiError}. `particle.effect` hands the same client to Effect code.
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle({ auth: process.env.PARTICLE_ACCESS_TOKEN })
 * const { body: devices } = await particle.listDevices({})
 * const { body: variable } = await particle.getVariable({ deviceId: devices[0].id, name: "temperature" })
 * console.log(variable.result)
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
 * The endpoint methods of {@link Particle}, typed from the method table (binaries as `Buffer`).
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
export interface Particle extends Methods<Buffer> {}

/**
 * {@link Particle}, as the default export (particle-api-js's only export).
 *
 * @example
 * ```ts
 * import Particle from "@effect-particle/compat"
 *
 * const particle = new Particle()
 * const { body } = await particle.login({ username: "me@example.com", password: process.env.PASSWORD! })
 * particle.setDefaultAuth(body.access_token)
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
