/**
 * What the browser tests stand on: esbuild bundles for the browser, a static server on 127.0.0.1 that
 * records what it is asked, and headless Debian Chromium driven by playwright-core with no network but
 * loopback.
 */
import * as esbuild from "esbuild"
import { existsSync } from "node:fs"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import { type Browser, chromium, type Page } from "playwright-core"

/** Debian's `chromium` package (`.ci/run` installs it); `CHROMIUM_PATH` overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

/**
 * Chromium as a test browser on a closed network: no background traffic (updates, sync, field trials,
 * DNS prefetch), and every host name but loopback's fails to resolve, so nothing can leave the machine.
 */
export const launch = (): Promise<Browser> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}: install Debian's package (apt-get install chromium; .ci/run does) or set CHROMIUM_PATH`
    )
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-domain-reliability",
      "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater",
      "--dns-prefetch-disable",
      "--no-pings",
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"
    ]
  })
}

/** One ESM bundle of `entry` for the browser: no Node built-ins (an import of one fails the build). */
export const bundle = async (entry: string): Promise<string> => {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    sourcemap: "inline",
    logLevel: "silent"
  })
  return result.outputFiles[0]!.text
}

/** A request the static server received. */
export interface Received {
  readonly method: string
  readonly url: string
  readonly headers: http.IncomingHttpHeaders
}

/** A static server on 127.0.0.1 (random port) answering `files` by path, recording every request. */
export const serve = async (
  files: Record<string, { readonly type: string; readonly body: string }>
): Promise<{ readonly origin: string; readonly received: Array<Received>; close(): Promise<void> }> => {
  const received: Array<Received> = []
  const server = http.createServer((req, res) => {
    received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers })
    const file = files[new URL(req.url ?? "/", "http://x").pathname]
    if (file === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found")
      return
    }
    res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A request as Chromium sent it (the headers it really put on the wire, its own included). */
export interface BrowserRequest {
  readonly url: string
  readonly method: string
  readonly headers: Record<string, string>
}

/** A CORS preflight Chromium sent (playwright does not report those; the DevTools protocol does). */
export interface Preflight {
  readonly url: string
  readonly headers: Record<string, string>
}

/** Records every request of `page` with its headers, its CORS preflights, console errors and page errors. */
export const watch = async (page: Page) => {
  const requests: Array<BrowserRequest> = []
  const preflights: Array<Preflight> = []
  const console: Array<string> = []
  const pageErrors: Array<string> = []
  page.on("request", (r) => {
    void r.allHeaders().then((headers) => requests.push({ url: r.url(), method: r.method(), headers }))
  })
  page.on("pageerror", (e) => pageErrors.push(e.message))
  page.on("console", (m) => {
    if (m.type() === "error") console.push(m.text())
  })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("Network.enable")
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.method === "OPTIONS") preflights.push({ url: e.request.url, headers: e.request.headers })
  })
  return { requests, preflights, console, pageErrors }
}
