using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.History;

/// <summary>One bar to store: an instrument's bar of a timeframe and where its prices came from (<see cref="PriceSources"/>).</summary>
public readonly record struct BarWrite(string Symbol, Timeframe Timeframe, OhlcvBar Bar, string Source);
