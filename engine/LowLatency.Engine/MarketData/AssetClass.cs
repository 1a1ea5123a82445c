namespace LowLatency.Engine.MarketData;

public enum AssetClass
{
    Crypto,
    Forex,
    Metal,
    Index,
}
