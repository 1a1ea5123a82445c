using LowLatency.Analytics;
using LowLatency.Binance;
using LowLatency.Engine.MarketData;

namespace LowLatency.History.Binance;

/// <summary>A closed Binance kline as the store's one-minute bar (source <c>binance</c>), the backfill's and the stream's alike.</summary>
public static class KlineRows
{
    public static BarWrite Bar(string symbol, in BinanceKline k) =>
        new(symbol, Timeframe.M1, new OhlcvBar(k.OpenTimeMs, (double)k.Open, (double)k.High, (double)k.Low, (double)k.Close, (double)k.Volume), PriceSources.Binance);
}
