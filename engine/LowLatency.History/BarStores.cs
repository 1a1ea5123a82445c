namespace LowLatency.History;

/// <summary>Which bar store a process uses: PostgreSQL where a cluster's database is given, else SQLite under the data directory.</summary>
public static class BarStores
{
    /// <param name="database">The PostgreSQL connection string (Npgsql form) of a cluster's shared store; null or empty: the embedded SQLite file.</param>
    public static IBarStore Open(string dataDirectory, string? database) =>
        string.IsNullOrWhiteSpace(database) ? new SqliteBarStore(HistoryDatabase.PathIn(dataDirectory)) : new PostgresBarStore(database);
}
