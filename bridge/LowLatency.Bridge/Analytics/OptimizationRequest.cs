using LowLatency.Analytics.Optimisation;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// What an optimisation searches and how it judges: the strategy (file and definition), instrument and range,
/// method and budget (backtests), objective, constraints (maximum drawdown as a fraction, minimum trades), the
/// walk-forward folds, the seed and the parameters searched (null: every declared one).
/// </summary>
public sealed record OptimizationRequest(
    StrategyDefinition Definition,
    string File,
    Instrument Instrument,
    DateTimeOffset From,
    DateTimeOffset To,
    SearchMethod Method,
    int Budget,
    string Objective,
    double? MaxDrawdown,
    int? MinTrades,
    int Folds,
    int Seed,
    IReadOnlyList<string>? Parameters);
