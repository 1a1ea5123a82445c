using LowLatency.Analytics;
using LowLatency.Analytics.Ml;

namespace LowLatency.Work;

/// <summary>One training of a direction model (<see cref="MlTrainer.Train"/>) on the candles the requester chose, so a worker trains what it would have.</summary>
public sealed record MlTask
{
    public required string Job { get; init; }

    public required int Task { get; init; }

    public required string Symbol { get; init; }

    /// <summary>The timeframe's name (<c>1d</c>, <c>4h</c> …), as the model's metadata records it.</summary>
    public required string Timeframe { get; init; }

    public required MlOptions Options { get; init; }

    /// <summary>The candles; null when they were too many for the message and wait in <see cref="BarsObject"/>.</summary>
    public OhlcvBar[]? Bars { get; init; }

    /// <summary>Where the candles are in <see cref="WorkNames.Objects"/> when they are not in <see cref="Bars"/>.</summary>
    public string? BarsObject { get; init; }

    /// <summary>The trained model's metadata (its folds' scores) alone, in the result: a trial of an auto-tune, whose model nobody keeps.</summary>
    public bool MetadataOnly { get; init; }
}
