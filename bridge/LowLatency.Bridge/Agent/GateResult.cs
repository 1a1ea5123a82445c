using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Agent;

public sealed record GateResult([property: JsonPropertyName("passed")] bool Passed, [property: JsonPropertyName("message")] string Message);
