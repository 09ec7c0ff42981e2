import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { Options } from "../ParticleClient.js"
import { DEFAULT_BASE_URL } from "./client.js"

/** A layer built from `PARTICLE_ACCESS_TOKEN` (as `Redacted`) and `PARTICLE_API_URL`, plus `options`. */
export const fromConfig = <ROut, E, RIn>(make: (options: Options) => Layer.Layer<ROut, E, RIn>) =>
(
  options: Omit<Options, "accessToken" | "baseUrl">
): Layer.Layer<ROut, E | ConfigError.ConfigError, RIn> =>
  Layer.unwrapEffect(
    Effect.map(
      Config.all({
        accessToken: Config.option(Config.redacted("PARTICLE_ACCESS_TOKEN")),
        baseUrl: Config.withDefault(Config.string("PARTICLE_API_URL"), DEFAULT_BASE_URL)
      }),
      ({ accessToken, baseUrl }) => make({ ...options, baseUrl, accessToken: Option.getOrUndefined(accessToken) })
    )
  )
