namespace LowLatency.Engine.MarketData;

/// <summary>The bar timeframes the frontend shows, from one minute to one month.</summary>
public enum Timeframe
{
    M1,
    M2,
    M3,
    M5,
    M10,
    M15,
    M30,
    M45,
    H1,
    H2,
    H3,
    H4,
    D1,
    W1,
    MN1,
}
