using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using Microsoft.Data.Sqlite;

namespace LowLatency.History;

/// <summary>
/// The bar store in SQLite (<see cref="HistoryDatabase"/>): each call opens its own connection, so readers, the
/// bridge's writer and an import running beside it see each other's commits (WAL) and wait on each other's locks.
/// Reading a store that does not exist yet finds nothing and creates nothing; the first write creates it.
/// </summary>
public sealed class SqliteBarStore : IBarStore
{
    private volatile bool _ensured;

    public SqliteBarStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Location = Path.GetFullPath(path);
    }

    public string Location { get; }

    public void Write(IReadOnlyList<BarWrite> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        InTransaction(bars.Count, command =>
        {
            BarRows.PrepareUpsert(command);
            foreach (var b in bars)
            {
                BarRows.Bind(command, b.Symbol, b.Timeframe, b.Bar, b.Source);
            }
        });
    }

    public List<SourcedBar> Range(string symbol, Timeframe timeframe, long fromMs, long toMs, bool withSimulated = true)
    {
        if (!Exists)
        {
            return [];
        }

        using var connection = Open();
        return BarRows.Range(connection, symbol, timeframe, fromMs, toMs, withSimulated);
    }

    public BarCoverage? RealCoverage(string symbol, Timeframe timeframe)
    {
        if (!Exists)
        {
            return null;
        }

        using var connection = Open();
        return BarRows.RealCoverage(connection, symbol, timeframe);
    }

    public Dictionary<string, long> Newest(Timeframe timeframe, string exceptSource)
    {
        if (!Exists)
        {
            return [];
        }

        using var connection = Open();
        return BarRows.Newest(connection, timeframe, exceptSource);
    }

    public void WriteSynthetic(string symbol, Timeframe timeframe, IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        InTransaction(bars.Count, command =>
        {
            foreach (var bar in bars)
            {
                SyntheticRows.Insert(command, symbol, timeframe, bar);
            }
        });
    }

    public List<OhlcvBar> SyntheticRange(string symbol, Timeframe timeframe, long fromMs, long toMs)
    {
        if (!Exists)
        {
            return [];
        }

        using var connection = Open();
        return SyntheticRows.Range(connection, symbol, timeframe, fromMs, toMs);
    }

    public void Dispose()
    {
        // Nothing held: every call opens and closes its own connection.
    }

    private void InTransaction(int rows, Action<SqliteCommand> write)
    {
        if (rows == 0)
        {
            return; // nothing to write: not even the file is created
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        write(command);
        transaction.Commit();
    }

    private bool Exists => _ensured || File.Exists(Location);

    /// <summary>A connection; the first creates the tables where missing and migrates an older store.</summary>
    private SqliteConnection Open()
    {
        if (!_ensured)
        {
            var first = HistoryDatabase.Open(Location);
            _ensured = true;
            return first;
        }

        var connection = new SqliteConnection(HistoryDatabase.ConnectionString(Location));
        connection.Open();
        return connection;
    }
}
