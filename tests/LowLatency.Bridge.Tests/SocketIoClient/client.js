// Connects like the frontend does (WebSocket transport only), subscribes to each symbol given, and prints
// one JSON line per event it receives; exits after the given number of price_update events per symbol, or
// with code 2 on timeout. Usage: node client.js URL NAMESPACE COUNT SYMBOL...
const { io } = require("socket.io-client");

const [url, namespace, count, ...symbols] = process.argv.slice(2);
const wanted = Number(count);
const seen = new Map(symbols.map((s) => [s, 0]));
const socket = io(url + (namespace === "/" ? "" : namespace), { path: "/socket.io", transports: ["websocket"], reconnection: false, timeout: 10000 });
const print = (event, data) => process.stdout.write(JSON.stringify({ event, data }) + "\n");
const timer = setTimeout(() => { print("timeout", Object.fromEntries(seen)); process.exit(2); }, 20000);

socket.on("connect", () => { print("connect", { id: socket.id }); symbols.forEach((symbol) => socket.emit("subscribe", { symbol })); });
socket.on("connect_error", (e) => { print("connect_error", { message: e.message }); process.exit(3); });
socket.on("connected", (d) => print("connected", d));
socket.on("subscribed", (d) => print("subscribed", d));
socket.on("error", (d) => print("error", d));
socket.on("price_update", (d) => {
  print("price_update", d);
  if (seen.has(d.symbol)) seen.set(d.symbol, seen.get(d.symbol) + 1);
  if ([...seen.values()].every((n) => n >= wanted)) { clearTimeout(timer); socket.close(); process.exit(0); }
});
