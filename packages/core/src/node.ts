/**
 * The Node entry of `@effect-particle/core`: layers over `node:http` with keep-alive agents (less CPU per
 * request than `fetch` on Node 20, see BENCHMARKS.md) that also read upload files from paths. Browser
 * bundles never import this module.
 *
 * @since 0.1.0
 */
import type * as ConfigError from "effect/ConfigError"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Config from "effect/Config"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Layer from "effect/Layer"
import { readFile } from "node:fs/promises"
import * as client from "./internal/client.js"
import * as internal from "./internal/nodeHttpClient.js"
import type { InvalidInput } from "./ParticleError.js"
import * as ParticleClient from "./ParticleClient.js"

/**
 * An `HttpClient` over `node:http`/`node:https` with keep-alive agents, destroyed with the layer. It never
 * follows redirects.
 *
 * @since 0.1.0
 * @category layers
 */
export const NodeHttpClient: Layer.Layer<HttpClient.HttpClient> = internal.layer

const readPath = async (path: string): Promise<Uint8Array> => new Uint8Array(await readFile(path))

/**
 * The client for Node: `node:http` transport, and file paths are accepted wherever an upload takes a file.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: ParticleClient.Options = {}
): Layer.Layer<ParticleClient.ParticleClient, InvalidInput> =>
  Layer.scoped(
    ParticleClient.ParticleClient,
    Effect.flatMap(internal.makeAgents, (agents) =>
      client.make({ readFile: readPath, ...options }, internal.transport(agents)).pipe(
        // event streams read their body incrementally, through an HttpClient on the same agents
        Effect.provideService(HttpClient.HttpClient, internal.make(agents))
      ))
  )

/**
 * {@link layer} configured from `PARTICLE_ACCESS_TOKEN` and `PARTICLE_API_URL`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  options: Omit<ParticleClient.Options, "accessToken" | "baseUrl"> = {}
): Layer.Layer<ParticleClient.ParticleClient, InvalidInput | ConfigError.ConfigError> =>
  Layer.unwrapEffect(
    Effect.map(
      Config.all({
        accessToken: Config.option(Config.redacted("PARTICLE_ACCESS_TOKEN")),
        baseUrl: Config.withDefault(Config.string("PARTICLE_API_URL"), client.DEFAULT_BASE_URL)
      }),
      ({ accessToken, baseUrl }) => layer({ ...options, baseUrl, accessToken: Option.getOrUndefined(accessToken) })
    )
  )
