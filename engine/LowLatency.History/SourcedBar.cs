using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.History;

/// <summary>A stored bar and where its prices came from (<see cref="PriceSources"/>).</summary>
public readonly record struct SourcedBar(OhlcvBar Bar, string Source);
