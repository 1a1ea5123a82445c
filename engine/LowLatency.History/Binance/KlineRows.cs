using LowLatency.Analytics;
using LowLatency.Binance;
using LowLatency.Engine.MarketData;
using Microsoft.Data.Sqlite;

namespace LowLatency.History.Binance;

/// <summary>A closed Binance kline as the store's one-minute bar (source <c>binance</c>), the backfill's and the stream's alike.</summary>
public static class KlineRows
{
    /// <summary>Binds the kline's row to a command <see cref="BarRows.PrepareUpsert"/> prepared.</summary>
    public static void Bind(SqliteCommand command, string symbol, in BinanceKline k) =>
        BarRows.Bind(command, symbol, Timeframe.M1, new OhlcvBar(k.OpenTimeMs, (double)k.Open, (double)k.High, (double)k.Low, (double)k.Close, (double)k.Volume), PriceSources.Binance);
}
