// The loopback server both sides of the benchmark talk to, in its own process so it does not share the
// event loop with the code being measured.
import { createServer } from "node:http";

const body = JSON.stringify({
  id: 302127,
  title: "Discovery",
  tracks: {
    data: Array.from({ length: 14 }, (_, i) => ({ id: 3135553 + i, title: `Track ${i + 1}`, duration: 240 })),
  },
});
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => server.close(() => process.exit(0)));
