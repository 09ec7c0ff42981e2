// Cold-start program (the limit): one GET with bare node:http and JSON.parse.
import http from "node:http"

export const run = (base) =>
  new Promise((resolve, reject) => {
    http.get(`${base}/v1/devices/0123456789abcdef01234567/temperature`, {
      headers: { authorization: "Bearer 0123456789abcdef0123456789abcdef01234567" }
    }, (res) => {
      const chunks = []
      res.on("data", (c) => chunks.push(c))
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString())))
    }).on("error", reject)
  })
