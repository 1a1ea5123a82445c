using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using Microsoft.Data.Sqlite;

namespace LowLatency.History;

/// <summary>The SQL of SQLite's <c>bars</c> table for <see cref="SqliteBarStore"/>, by <see cref="IBarStore"/>'s write rule.</summary>
internal static class BarRows
{
    private const string UpsertSql = """
        INSERT INTO bars (instrument, timeframe, open_time, open, high, low, close, volume, source) VALUES ($i, $t, $o, $op, $h, $l, $c, $v, $s)
        ON CONFLICT (instrument, timeframe, open_time) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, source = excluded.source
        WHERE bars.source = 'simulator' OR excluded.source <> 'simulator'
        """;

    /// <summary>Prepares <paramref name="command"/> for <see cref="Bind"/>: many rows with one statement (imports).</summary>
    public static void PrepareUpsert(SqliteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = UpsertSql;
        command.Parameters.Clear();
        foreach (var name in (ReadOnlySpan<string>)["$i", "$t", "$o", "$op", "$h", "$l", "$c", "$v", "$s"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
    }

    /// <summary>Binds one bar to a command made by <see cref="PrepareUpsert"/> and writes it.</summary>
    public static void Bind(SqliteCommand command, string symbol, Timeframe timeframe, in OhlcvBar bar, string source)
    {
        ArgumentNullException.ThrowIfNull(command);
        var p = command.Parameters;
        p[0].Value = symbol;
        p[1].Value = timeframe.Name();
        p[2].Value = bar.OpenTimeMs;
        p[3].Value = bar.Open;
        p[4].Value = bar.High;
        p[5].Value = bar.Low;
        p[6].Value = bar.Close;
        p[7].Value = bar.Volume;
        p[8].Value = source;
        command.ExecuteNonQuery();
    }

    /// <summary>The stored bars in [<paramref name="fromMs"/>, <paramref name="toMs"/>), oldest first, each with its source; optionally without the simulator's.</summary>
    public static List<SourcedBar> Range(SqliteConnection connection, string symbol, Timeframe timeframe, long fromMs, long toMs, bool withSimulated = true)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT open_time, open, high, low, close, volume, source FROM bars WHERE instrument = $i AND timeframe = $t AND open_time >= $f AND open_time < $to"
            + (withSimulated ? "" : " AND source <> 'simulator'") + " ORDER BY open_time";
        c.Parameters.AddWithValue("$i", symbol);
        c.Parameters.AddWithValue("$t", timeframe.Name());
        c.Parameters.AddWithValue("$f", fromMs);
        c.Parameters.AddWithValue("$to", toMs);
        using var reader = c.ExecuteReader();
        var bars = new List<SourcedBar>();
        while (reader.Read())
        {
            var bar = new OhlcvBar { OpenTimeMs = reader.GetInt64(0), Open = reader.GetDouble(1), High = reader.GetDouble(2), Low = reader.GetDouble(3), Close = reader.GetDouble(4), Volume = reader.GetDouble(5) };
            bars.Add(new SourcedBar(bar, reader.GetString(6)));
        }

        return bars;
    }

    /// <summary>What the store holds of one instrument and timeframe from markets (the simulator's bars left out), or null for nothing.</summary>
    public static BarCoverage? RealCoverage(SqliteConnection connection, string symbol, Timeframe timeframe)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT MIN(open_time), MAX(open_time), COUNT(*), GROUP_CONCAT(DISTINCT source) FROM bars WHERE instrument = $i AND timeframe = $t AND source <> 'simulator'";
        c.Parameters.AddWithValue("$i", symbol);
        c.Parameters.AddWithValue("$t", timeframe.Name());
        using var reader = c.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            return null;
        }

        var sources = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        return new BarCoverage(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), sources);
    }

    public static Dictionary<string, long> Newest(SqliteConnection connection, Timeframe timeframe, string exceptSource)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT instrument, MAX(open_time) FROM bars WHERE timeframe = $t AND source <> $s GROUP BY instrument";
        c.Parameters.AddWithValue("$t", timeframe.Name());
        c.Parameters.AddWithValue("$s", exceptSource);
        using var reader = c.ExecuteReader();
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            newest[reader.GetString(0)] = reader.GetInt64(1);
        }

        return newest;
    }
}
