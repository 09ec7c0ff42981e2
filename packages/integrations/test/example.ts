import { ParticleClient, type ParticleError } from "@effect-particle/core"
import { publishEvent, stream } from "@effect-particle/events"
import { createIntegration, Integration } from "@effect-particle/integrations"
import { Simulator } from "@effect-particle/simulator"
import { Console, Deferred, Effect, Layer, Redacted, Stream } from "effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

// 1. a receiver: logs what Particle sends and answers with JSON
const receiver = Effect.acquireRelease(
  Effect.async<http.Server>((resume) => {
    const server = http.createServer((req, res) => {
      let body = ""
      req.on("data", (chunk) => (body += chunk))
      req.on("end", () => {
        console.log(`receiver got ${req.method} ${req.url} ${body}`)
        res.setHeader("content-type", "application/json")
        res.end(JSON.stringify({ stored: true, reading: JSON.parse(body) }))
      })
    })
    server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
  }),
  (server) =>
    Effect.async<void>((resume) => {
      server.close(() => resume(Effect.void))
    })
)

const program = Effect.gen(function*() {
  const server = yield* receiver
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/readings`

  // 2. a webhook on every event whose name starts with "readings/", with a JSON body from templates
  const { id } = yield* createIntegration({
    event: "readings/",
    settings: Integration.webhook({
      url,
      json: { room: "{{{room}}}", celsius: "{{{temp}}}", device: "{{{PARTICLE_DEVICE_ID}}}" },
      noDefaults: true
    })
  })
  yield* Console.log(`integration ${id} → ${url}`)

  // 3. listen for the webhook's responses, then publish an event
  const listening = yield* Deferred.make<void>()
  const response = yield* stream({
    deviceId: "mine",
    name: "hook-response/readings/",
    onStatus: (status) => (status._tag === "Connected" ? Deferred.succeed(listening, undefined) : Effect.void)
  }).pipe(Stream.runHead, Effect.fork)
  yield* Deferred.await(listening)
  yield* publishEvent({ name: "readings/kitchen", data: JSON.stringify({ room: "kitchen", temp: 21.5 }) })

  // 4. the receiver's answer, as Particle publishes it: hook-response/<event>/<chunk>
  const event = yield* response
  if (event._tag === "Some") yield* Console.log(`${event.value.name}: ${event.value.data}`)
})

// the simulator, and a client pointed at it
const ClientLive = Layer.unwrapEffect(
  Effect.map(
    Simulator.Simulator,
    (sim) => ParticleClient.layerFetch({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken) })
  )
).pipe(Layer.provideMerge(Simulator.layer()))

export const main: Effect.Effect<void, ParticleError.ParticleError> = program.pipe(
  Effect.scoped,
  Effect.provide(ClientLive)
)
