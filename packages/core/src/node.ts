/**
 * The Node entry of `@effect-particle/core`: layers that can read upload files from paths. Browser bundles
 * never import this module.
 *
 * @since 0.1.0
 */
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import { readFile } from "node:fs/promises"
import type { InvalidInput } from "./ParticleError.js"
import * as ParticleClient from "./ParticleClient.js"

const readPath = async (path: string): Promise<Uint8Array> => new Uint8Array(await readFile(path))

/**
 * The client for Node: file paths are accepted wherever an upload takes a file.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: ParticleClient.Options = {}
): Layer.Layer<ParticleClient.ParticleClient, InvalidInput> =>
  Layer.provide(ParticleClient.layer({ readFile: readPath, ...options }), ParticleClient.fetchLayer)

/**
 * {@link layer} configured from `PARTICLE_ACCESS_TOKEN` and `PARTICLE_API_URL`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<ParticleClient.Options, "accessToken" | "baseUrl"> = {}
): Layer.Layer<ParticleClient.ParticleClient, InvalidInput | ConfigError.ConfigError> =>
  Layer.provide(ParticleClient.layerConfig({ readFile: readPath, ...options }), ParticleClient.fetchLayer)
