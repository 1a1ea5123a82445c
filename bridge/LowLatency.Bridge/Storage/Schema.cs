namespace LowLatency.Bridge.Storage;

/// <summary>The bridge's own history tables beside the bar tables of <see cref="LowLatency.History.HistoryDatabase"/>. Times are Unix milliseconds (UTC); money and quantities as text decimals (exact).</summary>
internal static class Schema
{
    public const string Sql = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS orders (
            id INTEGER PRIMARY KEY, instrument TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL,
            quantity TEXT NOT NULL, price TEXT, status TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL,
            json TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS fills (
            sequence INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, instrument TEXT NOT NULL, side TEXT NOT NULL,
            quantity TEXT NOT NULL, price TEXT NOT NULL, fee TEXT NOT NULL, time INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS closed_positions (
            id TEXT PRIMARY KEY, instrument TEXT NOT NULL, side TEXT NOT NULL, quantity TEXT NOT NULL,
            entry_price TEXT NOT NULL, exit_price TEXT NOT NULL, realized_pnl TEXT NOT NULL,
            entry_time INTEGER NOT NULL, exit_time INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS audit (
            id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, who TEXT NOT NULL, method TEXT NOT NULL,
            path TEXT NOT NULL, command TEXT NOT NULL, result TEXT NOT NULL, status INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS backtests (
            id TEXT PRIMARY KEY, created INTEGER NOT NULL, status TEXT NOT NULL, progress REAL NOT NULL,
            request TEXT NOT NULL, result TEXT, error TEXT);
        CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, json TEXT NOT NULL, updated INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS fills_time ON fills (time);
        CREATE INDEX IF NOT EXISTS closed_exit ON closed_positions (exit_time);
        """;
}
