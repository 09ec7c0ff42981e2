#!/usr/bin/env node
import { type SimulatorOptions, start } from "./Simulator.js"

const usage =
  `Usage: particle-sim [--port N] [--json] [--keep-alive-ms N] [--device-timeout-ms N] [--no-seed] [--rate-limits]

Starts a local Particle Device Cloud on 127.0.0.1 and runs until SIGINT/SIGTERM.
  --json   print exactly one JSON line {"url":…,"accessToken":…}`

const main = async () => {
  const args = process.argv.slice(2)
  const options: SimulatorOptions = {}
  let json = false
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    const num = () => {
      const v = Number(args[++i])
      if (!Number.isInteger(v) || v < 0) {
        process.stderr.write(`particle-sim: ${a} needs a non-negative integer\n`)
        process.exit(2)
      }
      return v
    }
    if (a === "--json") json = true
    else if (a === "--port" || a === "-p") options.port = num()
    else if (a.startsWith("--port=")) options.port = Number(a.slice(7))
    else if (a === "--keep-alive-ms") options.keepAliveIntervalMs = num()
    else if (a === "--device-timeout-ms") options.deviceTimeoutMs = num()
    else if (a === "--no-seed") options.seed = false
    else if (a === "--rate-limits") options.rateLimits = true
    else if (a === "--help" || a === "-h") {
      process.stdout.write(usage + "\n")
      return
    } else {
      process.stderr.write(`particle-sim: unknown argument ${a}\n${usage}\n`)
      process.exit(2)
    }
  }
  const sim = await start(options)
  if (json) process.stdout.write(JSON.stringify({ url: sim.url, accessToken: sim.accessToken }) + "\n")
  else {
    process.stdout.write(
      `Particle simulator listening on ${sim.url}\n` +
        `Access token (user ${sim.seed.user.username}): ${sim.accessToken}\n\n` +
        `  export PARTICLE_API_URL=${sim.url}\n  export PARTICLE_ACCESS_TOKEN=${sim.accessToken}\n\n` +
        `Admin API: ${sim.url}/__sim/seed · Ctrl-C to stop\n`
    )
  }
  const stop = () => {
    sim.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

main().catch((e) => {
  process.stderr.write(`particle-sim: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
})
