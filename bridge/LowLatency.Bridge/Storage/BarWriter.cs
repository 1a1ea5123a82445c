using LowLatency.Engine.MarketData;
using Microsoft.Data.Sqlite;

namespace LowLatency.Bridge.Storage;

/// <summary>Writes one bar row; a bar the engine built replaces a synthetic one for the same slot.</summary>
internal static class BarWriter
{
    public static void Upsert(SqliteCommand c, string symbol, Timeframe timeframe, in OhlcvBar bar, string source)
    {
        c.CommandText = source == "engine"
            ? "INSERT OR REPLACE INTO bars (instrument, timeframe, open_time, open, high, low, close, volume, source) VALUES ($i, $t, $o, $op, $h, $l, $c, $v, $s)"
            : "INSERT OR IGNORE INTO bars (instrument, timeframe, open_time, open, high, low, close, volume, source) VALUES ($i, $t, $o, $op, $h, $l, $c, $v, $s)";
        c.Parameters.Clear();
        c.Parameters.AddWithValue("$i", symbol);
        c.Parameters.AddWithValue("$t", timeframe.Name());
        c.Parameters.AddWithValue("$o", bar.OpenTimeMs);
        c.Parameters.AddWithValue("$op", bar.Open);
        c.Parameters.AddWithValue("$h", bar.High);
        c.Parameters.AddWithValue("$l", bar.Low);
        c.Parameters.AddWithValue("$c", bar.Close);
        c.Parameters.AddWithValue("$v", bar.Volume);
        c.Parameters.AddWithValue("$s", source);
        c.ExecuteNonQuery();
    }
}
