using Microsoft.Data.Sqlite;

namespace LowLatency.History;

/// <summary>
/// The history store's file, <c>bridge/history.db</c> under the data directory: the bars the bridge serves and
/// appends live bars to, and the ones <c>./run.sh import</c> loads, also while the bridge runs (SQLite in WAL
/// mode: a reader opens its own connection and sees every committed import, so no restart is needed).
/// </summary>
public static class HistoryDatabase
{
    /// <summary>The bar tables. <c>synthetic_bars</c> keeps made-up history apart, so it never mixes with real bars.</summary>
    public const string BarSchema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS bars (
            instrument TEXT NOT NULL, timeframe TEXT NOT NULL, open_time INTEGER NOT NULL,
            open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (instrument, timeframe, open_time));
        CREATE TABLE IF NOT EXISTS synthetic_bars (
            instrument TEXT NOT NULL, timeframe TEXT NOT NULL, open_time INTEGER NOT NULL,
            open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
            PRIMARY KEY (instrument, timeframe, open_time));
        """;

    // Stores written before prices carried their source held synthetic fill-ins among the real bars, and called
    // the simulator's bars "engine": the fill-ins move to their own table, the simulator's bars say what they are.
    private const string Migration = """
        INSERT OR IGNORE INTO synthetic_bars SELECT instrument, timeframe, open_time, open, high, low, close, volume FROM bars WHERE source = 'synthetic';
        DELETE FROM bars WHERE source = 'synthetic';
        UPDATE bars SET source = 'simulator' WHERE source = 'engine';
        """;

    /// <summary>The store's path under <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.GetFullPath(Path.Combine(dataDirectory, "bridge", "history.db"));

    /// <summary>A connection string with a busy timeout, so the bridge's writer and an import wait for each other instead of failing.</summary>
    public static string ConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Cache = SqliteCacheMode.Shared, DefaultTimeout = 30 }.ToString();

    /// <summary>Creates the directory, the file and the bar tables where missing, and migrates an older store.</summary>
    public static void EnsureBarTables(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = BarSchema + Migration;
        command.ExecuteNonQuery();
    }

    /// <summary>Opens the store at <paramref name="path"/> (created if missing) with its bar tables in place.</summary>
    public static SqliteConnection Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        EnsureBarTables(connection);
        return connection;
    }
}
