// A real redis-server (the Debian package; `.ci/run` installs it when missing) on a free loopback port, with
// no persistence, stopped when the scope closes. A missing redis-server fails the test: it is never skipped.
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { type ChildProcess, spawn } from "node:child_process"
import { accessSync, constants } from "node:fs"
import * as net from "node:net"
import * as path from "node:path"

export const findRedisServer = (): string => {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/sbin", "/usr/local/bin"]
  for (const dir of dirs) {
    if (dir === "") continue
    const candidate = path.join(dir, "redis-server")
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here
    }
  }
  throw new Error(
    "redis-server was not found on PATH: install it (`apt-get install -y redis-server`; .ci/run does) to run the Redis tests"
  )
}

export const freePort = Effect.async<number>((resume) => {
  const server = net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const port = (server.address() as net.AddressInfo).port
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** One PING over a raw socket: resolves when the server answers +PONG. */
const ping = (port: number) =>
  Effect.async<void, Error>((resume) => {
    const socket = net.connect(port, "127.0.0.1")
    let answer = ""
    const done = (error?: Error) => {
      socket.destroy()
      resume(error ? Effect.fail(error) : Effect.void)
    }
    socket.setTimeout(1_000, () => done(new Error("no answer")))
    socket.on("connect", () => socket.write("PING\r\n"))
    socket.on("data", (data) => {
      answer += data.toString()
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG") ? undefined : new Error(answer))
    })
    socket.on("error", (error) => done(error))
    return Effect.sync(() => socket.destroy())
  })

export interface RedisServer {
  readonly port: number
  readonly url: string
  /** Kills the server at once (SIGKILL), as a crash would. */
  readonly kill: Effect.Effect<void>
  /** Starts it again on the same port (empty, as after a crash without persistence). */
  readonly restart: Effect.Effect<void, Error>
  /** Freezes it (SIGSTOP): connections stay open and nothing answers. */
  readonly freeze: Effect.Effect<void>
  /** Lets a frozen server go on (SIGCONT). */
  readonly thaw: Effect.Effect<void>
}

export const start: Effect.Effect<RedisServer, Error, import("effect/Scope").Scope> = Effect.gen(function*() {
  const binary = findRedisServer()
  const port = yield* freePort
  let child: ChildProcess | undefined
  const launch = Effect.gen(function*() {
    const proc = spawn(binary, [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--daemonize",
      "no",
      "--loglevel",
      "warning"
    ], { stdio: "ignore" })
    child = proc
    yield* ping(port).pipe(
      Effect.retry(Schedule.intersect(Schedule.spaced("50 millis"), Schedule.recurs(200))),
      Effect.mapError((e) => new Error(`redis-server on port ${port} did not start: ${e.message}`))
    )
  })
  const stop = Effect.async<void>((resume) => {
    const proc = child
    child = undefined
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return resume(Effect.void)
    proc.once("exit", () => resume(Effect.void))
    proc.kill("SIGKILL")
  })
  const signal = (name: NodeJS.Signals) =>
    Effect.sync(() => {
      child?.kill(name)
    })
  yield* Effect.acquireRelease(launch, () => Effect.zipRight(signal("SIGCONT"), stop))
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: stop,
    restart: launch,
    freeze: signal("SIGSTOP"),
    thaw: signal("SIGCONT")
  }
})
