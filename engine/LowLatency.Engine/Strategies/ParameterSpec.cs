namespace LowLatency.Engine.Strategies;

/// <summary>
/// A parameter a strategy type declares: its kind (<c>number</c>, <c>integer</c>, <c>word</c>, <c>weights</c>), default,
/// allowed range or words, and the value in effect. What <c>GET /api/strategies</c> lists and an optimiser searches.
/// </summary>
public sealed record ParameterSpec(string Name, string Kind, object Default, double? Min, double? Max, IReadOnlyList<string>? Allowed, object Value);
