// Connects like the frontend does, subscribes to one event channel (subscribe_events, acknowledged), prints
// "ready", then prints and exits on the first event of the given name; code 2 on timeout.
// Usage: node events.js URL CHANNEL EVENT
const { io } = require("socket.io-client");

const [url, channel, eventName] = process.argv.slice(2);
const socket = io(url, { path: "/socket.io", transports: ["websocket"], reconnection: false, timeout: 10000 });
const print = (event, data) => process.stdout.write(JSON.stringify({ event, data }) + "\n");
const timer = setTimeout(() => { print("timeout", {}); process.exit(2); }, 30000);

socket.on("connect", () => socket.emit("subscribe_events", { channels: [channel] }, (reply) => print("ready", reply)));
socket.on("connect_error", (e) => { print("connect_error", { message: e.message }); process.exit(3); });
socket.on(eventName, (d) => { print(eventName, d); clearTimeout(timer); socket.close(); process.exit(0); });
