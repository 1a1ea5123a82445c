namespace LowLatency.Bridge.Engine;

/// <summary>
/// An instrument's latest price and its UTC day so far (open, high, low, volume, change) as the bridge saw it:
/// the frontend's <c>PriceUpdate</c>. Built from the engine's conflated quotes, so volume counts the sizes of the
/// quotes that reached the bridge, not every trade. <see cref="Source"/> says where the price came from.
/// </summary>
public readonly record struct PriceSummary(decimal Bid, decimal Ask, decimal Price, decimal Open, decimal High, decimal Low, decimal Volume, long TimestampMs, string Source)
{
    public decimal Change => Price - Open;

    public decimal ChangePercent => Open == 0 ? 0 : decimal.Round((Price - Open) / Open * 100, 4);
}
