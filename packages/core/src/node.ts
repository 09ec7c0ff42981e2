/**
 * The Node entry of `@effect-particle/core`: the client over `node:http` with keep-alive agents (less CPU
 * per request than `fetch` on Node 20, see BENCHMARKS.md), one transport for short calls and event streams,
 * and file paths accepted wherever an upload takes a file. Browser bundles never import this module.
 *
 * @since 0.1.0
 */
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { readFile } from "node:fs/promises"
import * as client from "./internal/client.js"
import { fromConfig } from "./internal/config.js"
import * as nodeTransport from "./internal/nodeTransport.js"
import * as ParticleClient from "./ParticleClient.js"
import type { InvalidInput } from "./ParticleError.js"

const readPath = async (path: string): Promise<Uint8Array> => new Uint8Array(await readFile(path))

/**
 * The client for Node. Its sockets are closed when the layer's scope closes. It never follows redirects.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: ParticleClient.Options = {}
): Layer.Layer<ParticleClient.ParticleClient, InvalidInput> =>
  Layer.scoped(
    ParticleClient.ParticleClient,
    client.make(options, {
      transport: (resolved) => Effect.map(nodeTransport.makeAgents(resolved.maxSockets), nodeTransport.make),
      readFile: readPath
    })
  )

/**
 * {@link layer} configured from `PARTICLE_ACCESS_TOKEN` and `PARTICLE_API_URL`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<ParticleClient.Options, "accessToken" | "baseUrl"> = {}
): Layer.Layer<ParticleClient.ParticleClient, InvalidInput | ConfigError.ConfigError> => fromConfig(layer)(options)
