using LowLatency.Bridge;

// Settings: appsettings.json, appsettings.{Environment}.json, environment variables (Bridge__Url, Bridge__EnginePort …).
var app = BridgeApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
