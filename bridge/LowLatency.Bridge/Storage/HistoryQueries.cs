using System.Globalization;
using System.Text.Json;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Bridge.Realtime;
using Microsoft.Data.Sqlite;

namespace LowLatency.Bridge.Storage;

/// <summary>Reads of the history tables (each on its own connection).</summary>
public sealed class HistoryQueries(BridgeStore store)
{
    public IReadOnlyList<OrderDto> Orders(int limit)
    {
        using var connection = store.Open();
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT json FROM orders ORDER BY id DESC LIMIT $n";
        c.Parameters.AddWithValue("$n", limit);
        return Read(c, r => JsonSerializer.Deserialize<OrderDto>(r.GetString(0), Frames.Json)!);
    }

    public OrderDto? Order(long id)
    {
        using var connection = store.Open();
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT json FROM orders WHERE id = $id";
        c.Parameters.AddWithValue("$id", id);
        return Read(c, r => JsonSerializer.Deserialize<OrderDto>(r.GetString(0), Frames.Json)!).FirstOrDefault();
    }

    public IReadOnlyList<ClosedPositionRow> ClosedPositions(int limit)
    {
        using var connection = store.Open();
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT id, instrument, side, quantity, entry_price, exit_price, realized_pnl, entry_time, exit_time FROM closed_positions ORDER BY exit_time DESC, id DESC LIMIT $n";
        c.Parameters.AddWithValue("$n", limit);
        var rows = Read(c, r => new ClosedPositionRow(r.GetString(0), r.GetString(1), r.GetString(2), Dec(r, 3), Dec(r, 4), Dec(r, 5), Dec(r, 6), r.GetInt64(7), r.GetInt64(8)));
        rows.Reverse();
        return rows;
    }

    public IReadOnlyList<AuditRow> Audit(int limit)
    {
        using var connection = store.Open();
        using var c = connection.CreateCommand();
        c.CommandText = "SELECT time, who, method, path, command, result, status FROM audit ORDER BY id DESC LIMIT $n";
        c.Parameters.AddWithValue("$n", limit);
        return Read(c, r => new AuditRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6)));
    }

    private static decimal Dec(SqliteDataReader r, int i) => decimal.Parse(r.GetString(i), CultureInfo.InvariantCulture);

    private static List<T> Read<T>(SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        using var reader = command.ExecuteReader();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}
