namespace LowLatency.Engine.State;

/// <summary>A non-flat (or once-traded) position in a <see cref="StateSnapshot"/>.</summary>
public sealed record PositionSnapshot
{
    public string Symbol { get; init; } = "";

    public decimal Quantity { get; init; }

    public decimal AveragePrice { get; init; }

    public decimal RealizedPnl { get; init; }

    public double UnrealizedPnl { get; init; }

    public long QuantityLots { get; init; }

    public decimal CostBasisTickLots { get; init; }

    public decimal RealizedTickLots { get; init; }

    public decimal Fees { get; init; }

    public long FillCount { get; init; }
}
