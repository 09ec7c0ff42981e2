import { ParticleClient } from "@effect-particle/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestServer from "./TestServer.js"

export const TOKEN = "0123456789abcdef0123456789abcdef01234567"

/** A ParticleClient pointed at the test server, plus the server itself. */
export const layer = (options: ParticleClient.Options = {}) =>
  Layer.unwrapEffect(
    Effect.map(TestServer.TestServer, (server) =>
      ParticleClient.layerFetch({ baseUrl: server.url, accessToken: Redacted.make(TOKEN), ...options }))
  ).pipe(Layer.provideMerge(TestServer.layer))
