import { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestServer from "./TestServer.js"

export const TOKEN = "0123456789abcdef0123456789abcdef01234567"

/** The transports every client contract must hold on. */
export const transports = ["fetch", "node"] as const
export type Transport = (typeof transports)[number]

/** A ParticleClient of the given transport pointed at the test server, plus the server itself. */
export const layer = (options: ParticleClient.Options = {}, transport: Transport = "fetch") =>
  Layer.unwrapEffect(
    Effect.map(TestServer.TestServer, (server) => {
      const all = { baseUrl: server.url, accessToken: Redacted.make(TOKEN), ...options }
      return transport === "node" ? NodeParticle.layer(all) : ParticleClient.layerFetch(all)
    })
  ).pipe(Layer.provideMerge(TestServer.layer))
