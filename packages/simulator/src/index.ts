/**
 * `@effect-particle/simulator`: a local Particle Device Cloud for tests.
 *
 * @since 0.1.0
 */
export * as Simulator from "./Simulator.js"
