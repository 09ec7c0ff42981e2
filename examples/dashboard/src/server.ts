/**
 * The dashboard's server: bundles the page (`src/app/main.ts`, with esbuild, for the browser) and serves it
 * on 127.0.0.1 with `/config.json`, the API URL and token the page uses. With no token given it starts the
 * embedded simulator and keeps its devices busy (an `env` event every `activityMs`, a `battery` one now and then).
 */
import { Simulator } from "@effect-particle/simulator"
import * as esbuild from "esbuild"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"

export interface DashboardOptions {
  /** Port on 127.0.0.1 (default 0: a free one). */
  readonly port?: number
  /** The API the page calls (default: the embedded simulator; `https://api.particle.io` with a token). */
  readonly apiUrl?: string
  /** An access token; without one the embedded simulator is started and its demo user's token used. */
  readonly accessToken?: string
  /** How often the simulated devices publish (ms, default 3000; 0: never). Only with the embedded simulator. */
  readonly activityMs?: number
}

export interface Dashboard {
  /** `http://127.0.0.1:<port>`: open it in a browser. */
  readonly url: string
  readonly apiUrl: string
  /** The embedded simulator, when there is one. */
  readonly simulator: Simulator.SimulatorHandle | undefined
  close(): Promise<void>
}

const appEntry = fileURLToPath(new URL("../src/app/main.ts", import.meta.url))

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Particle fleet · effect-particle</title>
<link rel="icon" href="data:,">
<style>
  :root { --line: #dde1e6; --muted: #6b7280; --accent: #00aeef; font: 14px/1.45 system-ui, sans-serif; color: #111827; }
  body { margin: 0; background: #f6f7f9; }
  header { display: flex; align-items: center; gap: 1rem; padding: .75rem 1.25rem; background: #0b1f33; color: #fff; }
  header h1 { font-size: 1.1rem; margin: 0; flex: 1; }
  header small { color: #9fb3c8; }
  .badge { padding: .2rem .6rem; border-radius: 999px; background: #334155; font-size: .8rem; }
  .badge[data-status="Connected"] { background: #15803d; }
  .badge[data-status="Reconnecting"], .badge[data-status="Connecting"] { background: #b45309; }
  .badge[data-status="Stopped"], .badge[data-status="Failed"] { background: #b91c1c; }
  main { display: grid; grid-template-columns: minmax(14rem, 1fr) minmax(18rem, 1.4fr) minmax(18rem, 1.6fr); gap: 1rem; padding: 1rem 1.25rem; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; min-width: 0; }
  h2 { font-size: 1rem; margin: .25rem 0 .5rem; display: flex; justify-content: space-between; align-items: center; }
  h3 { font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 1rem 0 .4rem; }
  table { width: 100%; border-collapse: collapse; }
  td, th { text-align: left; padding: .35rem .4rem; border-bottom: 1px solid var(--line); font-weight: normal; }
  #devices tbody tr { cursor: pointer; }
  #devices tbody tr:hover { background: #f1f5f9; }
  #devices tbody tr.selected { background: #e0f2fe; }
  .variables th { color: var(--muted); width: 40%; }
  .value { font-variant-numeric: tabular-nums; font-weight: 600; }
  .dot { display: inline-block; width: .6rem; height: .6rem; border-radius: 50%; background: #cbd5e1; }
  .dot.online { background: #22c55e; }
  .muted { color: var(--muted); margin: 0; }
  .function { display: flex; gap: .5rem; align-items: center; margin: .35rem 0; }
  .function input { width: 7rem; padding: .25rem .4rem; border: 1px solid var(--line); border-radius: 4px; }
  button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .3rem .7rem; cursor: pointer; }
  button:disabled { opacity: .6; }
  button.secondary { background: #e2e8f0; color: #111827; font-size: .8rem; }
  .result[data-state="ok"] { color: #15803d; font-weight: 600; }
  .error { color: #b91c1c; }
  #events { list-style: none; margin: 0; padding: 0; max-height: 70vh; overflow: auto; }
  #events li { display: grid; grid-template-columns: 4.5rem 8rem 1fr; gap: .25rem .5rem; padding: .3rem 0; border-bottom: 1px solid var(--line); }
  #events li span { grid-column: 2 / 4; color: var(--muted); word-break: break-all; }
  #events time { color: var(--muted); font-variant-numeric: tabular-nums; }
</style>
<script type="module" src="/app.js"></script>
</head>
<body>
<header><h1>Particle fleet</h1><small id="api"></small><span id="status" class="badge" data-status="">…</span></header>
<main>
  <section id="devices"><h2>Devices <button id="refresh" class="secondary">Refresh</button></h2>
    <table><tbody><tr><td class="muted">Loading…</td></tr></tbody></table></section>
  <section id="device"><h2>Select a device</h2></section>
  <section><h2>Live events</h2><ol id="events"></ol></section>
</main>
</body>
</html>
`

/** Starts the dashboard. `close()` stops the server, the activity and the embedded simulator. */
export const startDashboard = async (options: DashboardOptions = {}): Promise<Dashboard> => {
  const simulator = options.accessToken === undefined ? await Simulator.start() : undefined
  const apiUrl = simulator?.url ?? options.apiUrl ?? "https://api.particle.io"
  const accessToken = simulator?.accessToken ?? options.accessToken!

  const built = await esbuild.build({
    entryPoints: [appEntry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
    logLevel: "silent"
  })
  const app = built.outputFiles[0]!.text
  const config = JSON.stringify({ apiUrl, accessToken })

  const files: Record<string, readonly [string, string]> = {
    "/": ["text/html; charset=utf-8", page],
    "/app.js": ["text/javascript; charset=utf-8", app],
    "/config.json": ["application/json", config]
  }
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url ?? "/", "http://127.0.0.1").pathname]
    if (req.method !== "GET" || file === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found")
      return
    }
    res.writeHead(200, { "content-type": file[0], "cache-control": "no-store" }).end(file[1])
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve())
  })

  // the simulated fleet at work: the online Photon's temperature drifts and is published, the Boron reports
  let timer: NodeJS.Timeout | undefined
  const activityMs = options.activityMs ?? 3000
  if (simulator !== undefined && activityMs > 0) {
    const { cellular, online } = simulator.seed.devices
    let temperature = 23.5
    let battery = 87
    let humidity = 41
    timer = setInterval(() => {
      temperature = Math.round((temperature + (Math.random() - 0.5)) * 10) / 10
      simulator.setVariable(online.id, "temperature", temperature)
      humidity = Math.min(90, Math.max(20, humidity + Math.round((Math.random() - 0.5) * 4)))
      // not "temperature": the seeded webhook listens to that name, and its delivery errors would fill the list
      simulator.publish({ deviceId: online.id, name: "env", data: JSON.stringify({ temperature, humidity }) })
      if (Math.random() < 0.3) {
        battery = Math.max(5, battery - 1)
        simulator.publish({ deviceId: cellular.id, name: "battery", data: String(battery) })
      }
    }, activityMs)
  }

  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    apiUrl,
    simulator,
    close: async () => {
      if (timer !== undefined) clearInterval(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await simulator?.close()
    }
  }
}
