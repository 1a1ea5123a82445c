using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using Microsoft.Data.Sqlite;

namespace LowLatency.History;

/// <summary>
/// SQLite's <c>synthetic_bars</c> table: made-up history, kept apart from real bars so it never mixes with them,
/// and kept at all so the same request returns the same bars (the first one written for a slot stays).
/// </summary>
internal static class SyntheticRows
{
    public static void Insert(SqliteCommand command, string symbol, Timeframe timeframe, in OhlcvBar bar)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = "INSERT OR IGNORE INTO synthetic_bars (instrument, timeframe, open_time, open, high, low, close, volume) VALUES ($i, $t, $o, $op, $h, $l, $c, $v)";
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$i", symbol);
        command.Parameters.AddWithValue("$t", timeframe.Name());
        command.Parameters.AddWithValue("$o", bar.OpenTimeMs);
        command.Parameters.AddWithValue("$op", bar.Open);
        command.Parameters.AddWithValue("$h", bar.High);
        command.Parameters.AddWithValue("$l", bar.Low);
        command.Parameters.AddWithValue("$c", bar.Close);
        command.Parameters.AddWithValue("$v", bar.Volume);
        command.ExecuteNonQuery();
    }

    public static List<OhlcvBar> Range(SqliteConnection connection, string symbol, Timeframe timeframe, long fromMs, long toMs)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT open_time, open, high, low, close, volume FROM synthetic_bars WHERE instrument = $i AND timeframe = $t AND open_time >= $f AND open_time < $to ORDER BY open_time";
        c.Parameters.AddWithValue("$i", symbol);
        c.Parameters.AddWithValue("$t", timeframe.Name());
        c.Parameters.AddWithValue("$f", fromMs);
        c.Parameters.AddWithValue("$to", toMs);
        using var reader = c.ExecuteReader();
        var bars = new List<OhlcvBar>();
        while (reader.Read())
        {
            bars.Add(new OhlcvBar { OpenTimeMs = reader.GetInt64(0), Open = reader.GetDouble(1), High = reader.GetDouble(2), Low = reader.GetDouble(3), Close = reader.GetDouble(4), Volume = reader.GetDouble(5) });
        }

        return bars;
    }
}
