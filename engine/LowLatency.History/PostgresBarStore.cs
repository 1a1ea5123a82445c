using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using Npgsql;
using NpgsqlTypes;

namespace LowLatency.History;

/// <summary>
/// The bar store in PostgreSQL, shared by a cluster's bridges, shards and imports (<c>ll_bars</c>,
/// <c>ll_synthetic_bars</c>, the SQLite tables' columns). A write is one statement over arrays, so a batch costs one
/// round trip; within a batch, the bar the write rule would leave standing after writing them one by one is the
/// one written (a market's last, else the simulator's last), because one statement may touch a row only once.
/// </summary>
public sealed class PostgresBarStore : IBarStore
{
    private const string Ddl = """
        SELECT pg_advisory_xact_lock(7123002);
        CREATE TABLE IF NOT EXISTS ll_bars (
            instrument text NOT NULL, timeframe text NOT NULL, open_time bigint NOT NULL,
            open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL,
            close double precision NOT NULL, volume double precision NOT NULL, source text NOT NULL,
            PRIMARY KEY (instrument, timeframe, open_time));
        CREATE TABLE IF NOT EXISTS ll_synthetic_bars (
            instrument text NOT NULL, timeframe text NOT NULL, open_time bigint NOT NULL,
            open double precision NOT NULL, high double precision NOT NULL, low double precision NOT NULL,
            close double precision NOT NULL, volume double precision NOT NULL,
            PRIMARY KEY (instrument, timeframe, open_time));
        """;

    private const string Rows = """
        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::text[])
            WITH ORDINALITY AS u(i, t, o, op, h, l, c, v, s, n)
        """;

    private const string UpsertSql = "INSERT INTO ll_bars (instrument, timeframe, open_time, open, high, low, close, volume, source) SELECT DISTINCT ON (i, t, o) i, t, o, op, h, l, c, v, s "
        + Rows + """
        ORDER BY i, t, o, (s <> 'simulator') DESC, n DESC
        ON CONFLICT (instrument, timeframe, open_time) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume, source = excluded.source
        WHERE ll_bars.source = 'simulator' OR excluded.source <> 'simulator'
        """;

    private const string SyntheticSql = "INSERT INTO ll_synthetic_bars (instrument, timeframe, open_time, open, high, low, close, volume) SELECT DISTINCT ON (i, t, o) i, t, o, op, h, l, c, v "
        + Rows + " ORDER BY i, t, o, n ON CONFLICT DO NOTHING";

    private readonly NpgsqlDataSource _database;
    private int _ensured;

    public PostgresBarStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Location = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        _database = NpgsqlDataSource.Create(builder);
    }

    public string Location { get; }

    public void Write(IReadOnlyList<BarWrite> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count > 0)
        {
            Execute(UpsertSql, bars.Select(b => (b.Symbol, b.Timeframe, b.Bar, b.Source)).ToList());
        }
    }

    public void WriteSynthetic(string symbol, Timeframe timeframe, IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.Count > 0)
        {
            Execute(SyntheticSql, bars.Select(b => (symbol, timeframe, b, PriceSources.Synthetic)).ToList());
        }
    }

    public List<SourcedBar> Range(string symbol, Timeframe timeframe, long fromMs, long toMs, bool withSimulated = true)
    {
        using var connection = Open();
        using var c = Query(connection, "SELECT open_time, open, high, low, close, volume, source FROM ll_bars WHERE instrument = $1 AND timeframe = $2 AND open_time >= $3 AND open_time < $4"
            + (withSimulated ? "" : " AND source <> 'simulator'") + " ORDER BY open_time", symbol, timeframe.Name(), fromMs, toMs);
        using var reader = c.ExecuteReader();
        var bars = new List<SourcedBar>();
        while (reader.Read())
        {
            bars.Add(new SourcedBar(ReadBar(reader), reader.GetString(6)));
        }

        return bars;
    }

    public BarCoverage? RealCoverage(string symbol, Timeframe timeframe)
    {
        using var connection = Open();
        using var c = Query(connection, "SELECT MIN(open_time), MAX(open_time), COUNT(*), string_agg(DISTINCT source, ',') FROM ll_bars WHERE instrument = $1 AND timeframe = $2 AND source <> 'simulator'",
            symbol, timeframe.Name());
        using var reader = c.ExecuteReader();
        if (!reader.Read() || reader.IsDBNull(0))
        {
            return null;
        }

        var sources = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();
        return new BarCoverage(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), sources);
    }

    public Dictionary<string, long> Newest(Timeframe timeframe, string exceptSource)
    {
        using var connection = Open();
        using var c = Query(connection, "SELECT instrument, MAX(open_time) FROM ll_bars WHERE timeframe = $1 AND source <> $2 GROUP BY instrument", timeframe.Name(), exceptSource);
        using var reader = c.ExecuteReader();
        var newest = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            newest[reader.GetString(0)] = reader.GetInt64(1);
        }

        return newest;
    }

    public List<OhlcvBar> SyntheticRange(string symbol, Timeframe timeframe, long fromMs, long toMs)
    {
        using var connection = Open();
        using var c = Query(connection, "SELECT open_time, open, high, low, close, volume FROM ll_synthetic_bars WHERE instrument = $1 AND timeframe = $2 AND open_time >= $3 AND open_time < $4 ORDER BY open_time",
            symbol, timeframe.Name(), fromMs, toMs);
        using var reader = c.ExecuteReader();
        var bars = new List<OhlcvBar>();
        while (reader.Read())
        {
            bars.Add(ReadBar(reader));
        }

        return bars;
    }

    public void Dispose() => _database.Dispose();

    private static OhlcvBar ReadBar(NpgsqlDataReader r) =>
        new() { OpenTimeMs = r.GetInt64(0), Open = r.GetDouble(1), High = r.GetDouble(2), Low = r.GetDouble(3), Close = r.GetDouble(4), Volume = r.GetDouble(5) };

    private static NpgsqlCommand Query(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private void Execute(string sql, List<(string Symbol, Timeframe Timeframe, OhlcvBar Bar, string Source)> rows)
    {
        using var connection = Open();
        using var c = new NpgsqlCommand(sql, connection);
        Array(c, NpgsqlDbType.Text, rows.Select(r => r.Symbol));
        Array(c, NpgsqlDbType.Text, rows.Select(r => r.Timeframe.Name()));
        Array(c, NpgsqlDbType.Bigint, rows.Select(r => r.Bar.OpenTimeMs));
        Array(c, NpgsqlDbType.Double, rows.Select(r => r.Bar.Open));
        Array(c, NpgsqlDbType.Double, rows.Select(r => r.Bar.High));
        Array(c, NpgsqlDbType.Double, rows.Select(r => r.Bar.Low));
        Array(c, NpgsqlDbType.Double, rows.Select(r => r.Bar.Close));
        Array(c, NpgsqlDbType.Double, rows.Select(r => r.Bar.Volume));
        Array(c, NpgsqlDbType.Text, rows.Select(r => r.Source));
        c.ExecuteNonQuery();
    }

    private static void Array<T>(NpgsqlCommand command, NpgsqlDbType type, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values.ToArray() });

    /// <summary>A connection, with the tables created on the first (idempotent; processes starting together serialise on an advisory lock).</summary>
    private NpgsqlConnection Open()
    {
        var connection = _database.OpenConnection();
        if (Volatile.Read(ref _ensured) == 0)
        {
            using var transaction = connection.BeginTransaction();
            using (var create = new NpgsqlCommand(Ddl, connection, transaction))
            {
                create.ExecuteNonQuery();
            }

            transaction.Commit();
            Volatile.Write(ref _ensured, 1);
        }

        return connection;
    }
}
