import { ParticleClient } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestServer from "./TestServer.js"

export const TOKEN = "0123456789abcdef0123456789abcdef01234567"

/** The transports every client contract must hold on. */
export const transports = ["fetch", "node", "web"] as const
export type Transport = (typeof transports)[number]

/** The client layer of a transport: `NodeParticle.layer`, `ParticleClient.layerFetch` or `ParticleClient.layerWeb`. */
export const layerOf = (transport: Transport, options: ParticleClient.Options) =>
  transport === "node"
    ? NodeParticle.layer(options)
    : transport === "web"
    ? ParticleClient.layerWeb(options)
    : ParticleClient.layerFetch(options)

/** A ParticleClient of the given transport pointed at the test server, plus the server itself. */
export const layer = (options: ParticleClient.Options = {}, transport: Transport = "fetch") =>
  Layer.unwrapEffect(
    Effect.map(TestServer.TestServer, (server) => {
      const all = { baseUrl: server.url, accessToken: Redacted.make(TOKEN), ...options }
      return layerOf(transport, all)
    })
  ).pipe(Layer.provideMerge(TestServer.layer))
