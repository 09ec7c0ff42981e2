/**
 * `pnpm demo`: a tour of `@effect-particle/devices`, a bit of `@effect-particle/firmware`, and live events
 * with `@effect-particle/events`.
 *
 * - With no `PARTICLE_ACCESS_TOKEN`, it starts the embedded simulator (a local Particle Cloud on
 *   127.0.0.1 with a seeded fleet) and runs every step.
 * - With `PARTICLE_ACCESS_TOKEN` set, it runs only the read-only steps against `PARTICLE_API_URL` (default
 *   the real cloud). Set `PARTICLE_PRODUCT` (id or slug) to also walk a product fleet.
 *
 * Each step is an entry of `steps`.
 */
import { ParticleClient, type ParticleError, Retry } from "@effect-particle/core"
import * as NodeParticle from "@effect-particle/core/node"
import { callFunction, getDevice, getVariable, listDevices, streamDevices } from "@effect-particle/devices"
import { publishEvent, stream } from "@effect-particle/events"
import { listBuildTargets } from "@effect-particle/firmware"
import { Simulator } from "@effect-particle/simulator"
import { Console, Deferred, Duration, Effect, Fiber, Layer, Option, Redacted, Schedule, Stream } from "effect"

// ---------------------------------------------------------------------------------------------------------
// the shape of a step
// ---------------------------------------------------------------------------------------------------------

/** What a step gets: the simulator when the demo runs against it, and the product to walk. */
export interface DemoContext {
  readonly simulator: Option.Option<Simulator.SimulatorHandle>
  readonly product: Option.Option<string | number>
}

/** One section of the demo. Steps that change anything set `readOnly: false` and are skipped on the real cloud. */
export interface Step {
  readonly title: string
  readonly readOnly: boolean
  readonly run: (ctx: DemoContext) => Effect.Effect<void, ParticleError.ParticleError, ParticleClient.ParticleClient>
}

// ---------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd()
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n")
}

const ago = (iso: string | null | undefined): string => {
  if (!iso) return "never"
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000))
  return seconds < 120
    ? `${seconds}s ago`
    : seconds < 7200
    ? `${Math.round(seconds / 60)}m ago`
    : `${Math.round(seconds / 3600)}h ago`
}

/** The device the demo reads from: the seeded online one on the simulator, the first online one elsewhere. */
const demoDevice = (ctx: DemoContext) =>
  Option.match(ctx.simulator, {
    onSome: (sim) => Effect.succeed(Option.some(sim.seed.devices.online.id)),
    onNone: () => Effect.map(listDevices(), (devices) => Option.fromNullable(devices.find((d) => d.online)?.id))
  })

// ---------------------------------------------------------------------------------------------------------
// the steps
// ---------------------------------------------------------------------------------------------------------

export const listDevicesAsTable: Step = {
  title: "Your devices (listDevices)",
  readOnly: true,
  run: () =>
    Effect.gen(function*() {
      const devices = yield* listDevices()
      yield* Console.log(table(
        ["name", "id", "platform", "online", "last heard", "variables", "functions"],
        devices.map((d) => [
          d.name ?? "(unnamed)",
          d.id,
          String(d.platform_id),
          d.online ? "yes" : "no",
          ago(d.last_heard),
          String(Object.keys(d.variables ?? {}).length),
          String((d.functions ?? []).length)
        ])
      ))
    })
}

export const readEveryVariable: Step = {
  title: "Every variable of an online device (getDevice + getVariable)",
  readOnly: true,
  run: (ctx) =>
    Effect.gen(function*() {
      const id = yield* demoDevice(ctx)
      if (Option.isNone(id)) return yield* Console.log("no online device")
      const device = yield* getDevice({ deviceId: id.value })
      yield* Console.log(`${device.name} (${device.id})`)
      const names = Object.keys(device.variables ?? {})
      const values = yield* Effect.forEach(names, (name) =>
        getVariable({ deviceId: device.id, name }).pipe(
          Effect.map((v) => [name, device.variables?.[name] ?? "", JSON.stringify(v.result)] as const),
          Effect.catchTags({
            NotFound: (e) => Effect.succeed([name, "", `not found: ${e.message}`] as const),
            DeviceTimeout: () => Effect.succeed([name, "", "the device did not answer"] as const)
          })
        ), { concurrency: 4 })
      yield* Console.log(table(["variable", "type", "value"], values))
    })
}

export const callAFunction: Step = {
  title: "Call a function (callFunction)",
  readOnly: false,
  run: (ctx) =>
    Effect.gen(function*() {
      const id = yield* demoDevice(ctx)
      if (Option.isNone(id)) return yield* Console.log("no online device")
      const device = yield* getDevice({ deviceId: id.value })
      const name = (device.functions ?? []).includes("led") ? "led" : device.functions?.[0]
      if (name === undefined) return yield* Console.log(`${device.name} exposes no function`)
      const result = yield* callFunction({ deviceId: device.id, name, argument: "on" })
      yield* Console.log(`${device.name}.${name}("on") returned ${result.return_value}`)
    })
}

export const handleTypedErrors: Step = {
  title: "Typed errors: NotFound and DeviceTimeout (catchTag)",
  readOnly: true,
  run: (ctx) =>
    Effect.gen(function*() {
      const id = yield* demoDevice(ctx)
      if (Option.isNone(id)) return yield* Console.log("no online device")
      // an unknown variable: 404 → NotFound; getDevice tells an unknown name from an offline device
      const missing = yield* getVariable({ deviceId: id.value, name: "no_such_variable" }).pipe(
        Effect.map((v) => `unexpected value ${JSON.stringify(v.result)}`),
        Effect.catchTag("NotFound", (e) =>
          getDevice({ deviceId: id.value }).pipe(
            Effect.map((d) =>
              `NotFound (${e.status}): "${
                e.error ?? e.message
              }" — device online: ${d.online}, so the variable does not exist`
            )
          ))
      )
      yield* Console.log(`getVariable no_such_variable → ${missing}`)
      // an offline device: NotFound as well, and getDevice says online: false
      const offline = Option.map(ctx.simulator, (sim) => sim.seed.devices.offline.id)
      if (Option.isSome(offline)) {
        const answer = yield* getVariable({ deviceId: offline.value, name: "temperature" }).pipe(
          Effect.map(() => "unexpected value"),
          Effect.catchTag("NotFound", (e) =>
            getDevice({ deviceId: offline.value }).pipe(
              Effect.map((d) => `NotFound (${e.status}): "${e.error ?? e.message}" — device online: ${d.online}`)
            ))
        )
        yield* Console.log(`getVariable on an offline device → ${answer}`)
      }
      // a device that does not answer: 408 → DeviceTimeout
      const slow = Option.map(ctx.simulator, (sim) => sim.seed.devices.unresponsive.id)
      if (Option.isSome(slow)) {
        const answer = yield* getVariable({ deviceId: slow.value, name: "temperature" }).pipe(
          Effect.map(() => "unexpected value"),
          Effect.catchTag("DeviceTimeout", (e) =>
            Effect.succeed(`DeviceTimeout (${e.status}): "${e.error ?? e.message}"`))
        )
        yield* Console.log(`getVariable on an unresponsive device → ${answer}`)
      } else {
        yield* Console.log("(DeviceTimeout needs a device that does not answer; the simulator has one)")
      }
    })
}

export const retryWithSchedule: Step = {
  title: "Retry a function call through a 503 burst (Retry.schedule + Schedule)",
  readOnly: false,
  run: (ctx) =>
    Effect.gen(function*() {
      if (Option.isNone(ctx.simulator)) return
      const sim = ctx.simulator.value
      const id = sim.seed.devices.online.id
      // the next two calls of this function fail with 503
      sim.setFault({ kind: "status", route: `/v1/devices/${id}/led`, method: "POST", status: 503, times: 2 })
      let attempt = 0
      const result = yield* Effect.suspend(() => {
        attempt++
        return callFunction({ deviceId: id, name: "led", argument: "on" })
      }).pipe(
        Effect.tapError((e) => Console.log(`  attempt ${attempt}: ${e._tag}${"status" in e ? ` ${e.status}` : ""}`)),
        // function calls are never retried by the client: opt in, with a bounded backoff
        Effect.retry({
          schedule: Retry.schedule({ times: 4, base: "50 millis" }).pipe(Schedule.upTo("10 seconds")),
          while: Retry.isRetryable
        })
      )
      yield* Console.log(`  attempt ${attempt}: ok, led returned ${result.return_value}`)
    })
}

export const walkFleet: Step = {
  title: "Walk a product fleet (streamDevices)",
  readOnly: true,
  run: (ctx) =>
    Effect.gen(function*() {
      if (Option.isNone(ctx.product)) return yield* Console.log("set PARTICLE_PRODUCT to walk a product fleet")
      const product = ctx.product.value
      const tty = process.stdout.isTTY === true
      const totals = yield* streamDevices({ product, perPage: 10 }).pipe(
        Stream.scan({ seen: 0, online: 0, groups: new Map<string, number>() }, (acc, d) => {
          for (const g of d.groups ?? []) acc.groups.set(g, (acc.groups.get(g) ?? 0) + 1)
          return { seen: acc.seen + 1, online: acc.online + (d.online ? 1 : 0), groups: acc.groups }
        }),
        Stream.tap((acc) =>
          acc.seen > 0 && acc.seen % 10 === 0
            ? Effect.sync(() => {
              const line = `  walked ${acc.seen} devices, ${acc.online} online`
              if (tty) process.stdout.write(`\r${line}`)
              else console.log(line)
            })
            : Effect.void
        ),
        Stream.runLast
      )
      if (tty) process.stdout.write("\n")
      const last = Option.getOrElse(totals, () => ({ seen: 0, online: 0, groups: new Map<string, number>() }))
      yield* Console.log(`product ${product}: ${last.seen} devices, ${last.online} online`)
      yield* Console.log(`by group: ${[...last.groups].map(([g, n]) => `${g} ${n}`).join(", ") || "(none)"}`)
    })
}

export const buildTargets: Step = {
  title: "Device OS versions the cloud compiler offers (listBuildTargets)",
  readOnly: true,
  run: () =>
    Effect.gen(function*() {
      const targets = yield* listBuildTargets({ onlyFeatured: true })
      yield* Console.log(targets.targets.map((t) => `${t.version} (${t.platforms.length} platforms)`).join(", "))
    })
}

export const liveEvents: Step = {
  title: "Live device events (stream, publishEvent)",
  readOnly: true,
  run: (ctx) =>
    Effect.gen(function*() {
      const connected = yield* Deferred.make<void>()
      const printer = yield* stream({
        deviceId: "mine",
        onStatus: (status) =>
          Effect.zipRight(
            Console.log(
              `  [${status._tag}${status._tag === "Reconnecting" ? ` in ${Duration.format(status.delay)}` : ""}]`
            ),
            status._tag === "Connected" ? Deferred.succeed(connected, undefined) : Effect.void
          )
      }).pipe(
        Stream.tap((event) =>
          Console.log(
            `  ${event.published_at.toISOString().slice(11, 23)}  ${event.name.padEnd(18)} ${
              event.data ?? ""
            }  (from ${event.coreid})`
          )
        ),
        Stream.takeUntil((event) => event.name === "demo/done"),
        // on the real cloud nothing may happen: listen for 10 seconds, read-only
        Option.isNone(ctx.simulator) ? Stream.interruptAfter("10 seconds") : (self) => self,
        Stream.runCount,
        Effect.fork
      )
      yield* Deferred.await(connected)
      if (Option.isSome(ctx.simulator)) {
        // trigger events as the simulated devices would: readings, a device going offline and back
        // (spark/status), and an event published through the API
        const sim = ctx.simulator.value
        const device = sim.seed.devices.online.id
        for (const reading of ["21.5", "21.7", "22.0"]) {
          sim.publish({ deviceId: device, name: "demo/temperature", data: reading })
        }
        sim.setOnline(sim.seed.devices.cellular.id, false)
        sim.setOnline(sim.seed.devices.cellular.id, true)
        yield* publishEvent({ name: "demo/hello", data: "published through the API" })
        yield* publishEvent({ name: "demo/done" })
      }
      const received = yield* Fiber.join(printer)
      yield* Console.log(`  ${received} events received; the connection is closed when the stream ends`)
    })
}

/**
 * The demo, in order. To add a section, append a `Step` here: it gets the simulator (to drive devices on
 * it) and runs on the real cloud if `readOnly`.
 */
export const steps: ReadonlyArray<Step> = [
  listDevicesAsTable,
  readEveryVariable,
  callAFunction,
  handleTypedErrors,
  retryWithSchedule,
  walkFleet,
  buildTargets,
  liveEvents
]

// ---------------------------------------------------------------------------------------------------------
// running it
// ---------------------------------------------------------------------------------------------------------

/** Runs the steps in order; a step that fails is reported and the next one still runs. Fails if any failed. */
const runSteps = (ctx: DemoContext, readOnlyOnly: boolean) =>
  Effect.gen(function*() {
    const failed: Array<string> = []
    for (const [i, step] of steps.entries()) {
      if (readOnlyOnly && !step.readOnly) {
        yield* Console.log(
          `\n== ${i + 1}. ${step.title}: skipped (changes devices; only read-only steps run on the real cloud)`
        )
        continue
      }
      yield* Console.log(`\n== ${i + 1}. ${step.title}`)
      yield* step.run(ctx).pipe(
        Effect.catchAll((e) =>
          Effect.sync(() => failed.push(step.title)).pipe(
            Effect.zipRight(Console.error(`  failed: ${e._tag}: ${e.message}`))
          )
        )
      )
    }
    if (failed.length > 0) return yield* Effect.fail(new Error(`${failed.length} step(s) failed: ${failed.join("; ")}`))
  })

/** Against the embedded simulator: a bigger fleet is added to the seeded product so the walk pages. */
const onSimulator = Effect.gen(function*() {
  const sim = yield* Simulator.Simulator
  const product = sim.seed.product.id
  for (let i = 0; i < 45; i++) {
    sim.createDevice({
      name: `tracker-${String(i + 1).padStart(2, "0")}`,
      productId: product,
      platformId: 13,
      online: i % 3 !== 0,
      groups: i % 2 === 0 ? ["europe"] : ["asia"]
    })
  }
  yield* Console.log(`Particle simulator at ${sim.url} (set PARTICLE_ACCESS_TOKEN to use the real cloud)`)
  yield* runSteps({ simulator: Option.some(sim), product: Option.some(product) }, false)
}).pipe(
  Effect.provide(
    Layer.unwrapEffect(
      Effect.map(
        Simulator.Simulator,
        (sim) => NodeParticle.layer({ baseUrl: sim.url, accessToken: Redacted.make(sim.accessToken) })
      )
    ).pipe(Layer.provideMerge(Simulator.layer()))
  )
)

const onCloud = Effect.gen(function*() {
  const product = process.env.PARTICLE_PRODUCT
  yield* Console.log(`Particle Cloud at ${process.env.PARTICLE_API_URL ?? "https://api.particle.io"} (read-only steps)`)
  yield* runSteps({
    simulator: Option.none(),
    product: product === undefined || product === ""
      ? Option.none()
      : Option.some(/^\d+$/.test(product) ? Number(product) : product)
  }, true)
}).pipe(Effect.provide(NodeParticle.layerConfig()))

export const main = process.env.PARTICLE_ACCESS_TOKEN ? onCloud : onSimulator

Effect.runPromiseExit(main).then((exit) => {
  if (exit._tag === "Failure") {
    console.error("\ndemo failed:", exit.cause.toString())
    process.exit(1)
  }
  console.log("\ndone.")
  process.exit(0)
})
