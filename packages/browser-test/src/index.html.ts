/**
 * The test page's HTML. A classic script, run before the bundle, records every `fetch` call the page makes
 * (URL, method, the header names it was given) into `window.__fetches`: what the SDK asked the browser to
 * send, before the browser adds or drops anything.
 */
export const testPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>effect-particle in the browser</title>
<link rel="icon" href="data:,">
<script>
  window.__fetches = []
  const originalFetch = window.fetch
  window.fetch = function(input, init) {
    const request = input instanceof Request ? input : undefined
    const headers = new Headers((init && init.headers) || (request && request.headers) || undefined)
    window.__fetches.push({
      url: String(request ? request.url : input),
      method: (init && init.method) || (request && request.method) || "GET",
      headers: Array.from(headers.keys())
    })
    return originalFetch.apply(this, arguments)
  }
</script>
<script type="module" src="/page.js"></script>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1.5rem; }
  section { border: 1px solid #ccc; border-radius: 6px; padding: 0 .75rem; margin: .5rem 0; }
  section[data-state="ok"] { border-color: #2a7; }
  section[data-state="error"] { border-color: #d73; }
  h2 { font-size: 1rem; }
  pre { white-space: pre-wrap; word-break: break-all; }
</style>
</head>
<body>
<h1>effect-particle in the browser</h1>
<p>Event stream: <strong id="stream-status" data-status="">–</strong></p>
<ul id="events"></ul>
<div id="steps"></div>
</body>
</html>
`
