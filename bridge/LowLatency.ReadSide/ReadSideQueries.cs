using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;
using Npgsql;

namespace LowLatency.ReadSide;

/// <summary>The read side's reads, every shard at once, in an order that does not depend on who reads (so any two bridges answer alike).</summary>
public static class ReadSideQueries
{
    // Databases whose tables this process has made sure of: a read (a REST call, each range of the live feed) need not take the schema lock again.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<NpgsqlDataSource, object> Ensured = [];

    /// <param name="Status">The shard's trading state, account and day at <paramref name="LastSequence"/> (<c>StateSnapshot</c> JSON without positions, orders or marks); null before the read side kept it.</param>
    public sealed record ShardRow(string Shard, long LastSequence, string? Status);

    /// <param name="Snapshot">The engine's snapshot of the position (<c>PositionSnapshot</c> JSON); null in a row from before the read side kept it.</param>
    /// <param name="OpenedMs">When the position was opened; 0 when unknown.</param>
    public sealed record PositionRow(string Shard, int InstrumentId, long QuantityLots, decimal AveragePriceTicks, decimal RealizedPnl, decimal Fees, long Fills, string? Snapshot, long OpenedMs);

    /// <param name="Snapshot">The engine's snapshot of the order (<c>OrderSnapshot</c> JSON); null in a row from before the read side kept it.</param>
    public sealed record OrderRow(string Shard, long OrderId, int InstrumentId, Side Side, OrderType Type, OrderStatus Status, long QuantityLots, long FilledLots, long LimitTicks, long StopTicks, long UpdatedMs, long LastSequence, string? Snapshot);

    /// <param name="Sequence">The record of the fill that closed the trade.</param>
    public sealed record RoundTripRow(string Shard, long Sequence, int InstrumentId, bool Long, decimal Quantity, decimal EntryPrice, decimal ExitPrice, decimal Pnl, decimal Fees, long EntryMs, long ExitMs);

    /// <summary>A command a bridge sent a shard: when, through which bridge, who asked (address, key or not), the request, the command and its shard, how it ended.</summary>
    public sealed record AuditRow(long TimeMs, string Bridge, string Who, string Method, string Path, string Command, string Result, int Status);

    public sealed record FillRow(string Shard, long Sequence, long OrderId, int InstrumentId, Side Side, long QuantityLots, long PriceTicks, decimal Fee, long TimeMs);

    public static Task<List<ShardRow>> ShardsAsync(NpgsqlDataSource database, CancellationToken cancellation) =>
        ReadAsync(database, "SELECT shard, last_sequence, status FROM ll_projection ORDER BY shard", r => new ShardRow(r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2)), cancellation);

    /// <summary>Every shard's positions that have had fills, or one shard's (<paramref name="shard"/>), by shard and instrument.</summary>
    public static Task<List<PositionRow>> PositionsAsync(NpgsqlDataSource database, CancellationToken cancellation, string? shard = null) =>
        ReadAsync(database, "SELECT shard, instrument_id, quantity_lots, average_price_ticks, realized_pnl, fees, fills, snapshot, opened_ms FROM ll_positions WHERE fills > 0 AND ($1::text IS NULL OR shard = $1) ORDER BY shard, instrument_id",
            r => new PositionRow(r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5), r.GetInt64(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetInt64(8)), cancellation,
            (object?)shard ?? DBNull.Value);

    /// <summary>
    /// Every shard's working orders (<see cref="OrderStatuses.IsWorking"/>), or one shard's, on instruments where that
    /// shard holds a position (what a position's stop-loss and take-profit are read from), by shard and id.
    /// </summary>
    public static Task<List<OrderRow>> WorkingOrdersOfOpenPositionsAsync(NpgsqlDataSource database, CancellationToken cancellation, string? shard = null) =>
        ReadAsync(database, $"""
            SELECT {OrderColumns} FROM ll_orders o WHERE status = ANY($1) AND ($2::text IS NULL OR shard = $2)
                AND EXISTS (SELECT 1 FROM ll_positions p WHERE p.shard = o.shard AND p.instrument_id = o.instrument_id AND p.quantity_lots <> 0)
            ORDER BY shard, order_id
            """, Order, cancellation, Working, (object?)shard ?? DBNull.Value);

    /// <summary>How many orders work on every shard, of the first <paramref name="instruments"/> instruments (those a bridge knows).</summary>
    public static async Task<int> WorkingOrderCountAsync(NpgsqlDataSource database, int instruments, CancellationToken cancellation) =>
        (int)(await ReadAsync(database, "SELECT count(*) FROM ll_orders WHERE status = ANY($1) AND instrument_id >= 0 AND instrument_id < $2", r => r.GetInt64(0), cancellation, Working, instruments)
            .ConfigureAwait(false))[0];

    private static readonly short[] Working = [.. Enum.GetValues<OrderStatus>().Where(s => s.IsWorking()).Select(s => (short)s)];

    /// <summary>The latest <paramref name="limit"/> orders by shard and id, newest first.</summary>
    public static Task<List<OrderRow>> OrdersAsync(NpgsqlDataSource database, int limit, CancellationToken cancellation) =>
        ReadAsync(database, $"SELECT {OrderColumns} FROM ll_orders ORDER BY order_id DESC, shard LIMIT {Math.Max(1, limit)}", Order, cancellation);

    /// <summary>One order of a shard; null when the read side has none by that id.</summary>
    public static async Task<OrderRow?> OrderAsync(NpgsqlDataSource database, string shard, long orderId, CancellationToken cancellation) =>
        (await ReadAsync(database, $"SELECT {OrderColumns} FROM ll_orders WHERE shard = $1 AND order_id = $2", Order, cancellation, shard, orderId).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>A shard's orders whose latest change came with a record in (<paramref name="after"/>, <paramref name="upTo"/>], in record order.</summary>
    public static Task<List<OrderRow>> OrdersChangedAsync(NpgsqlDataSource database, string shard, long after, long upTo, CancellationToken cancellation) =>
        ReadAsync(database, $"SELECT {OrderColumns} FROM ll_orders WHERE shard = $1 AND last_sequence > $2 AND last_sequence <= $3 ORDER BY last_sequence", Order, cancellation, shard, after, upTo);

    /// <summary>A shard's fills of the records in (<paramref name="after"/>, <paramref name="upTo"/>], in record order.</summary>
    public static Task<List<FillRow>> FillsBetweenAsync(NpgsqlDataSource database, string shard, long after, long upTo, CancellationToken cancellation) =>
        ReadAsync(database, $"SELECT {FillColumns} FROM ll_fills WHERE shard = $1 AND sequence > $2 AND sequence <= $3 ORDER BY sequence", Fill, cancellation, shard, after, upTo);

    /// <summary>A shard's records of <paramref name="types"/> in (<paramref name="after"/>, <paramref name="upTo"/>], decoded, in record order (one that does not decode is left out).</summary>
    public static async Task<List<TradingRecord>> RecordsBetweenAsync(NpgsqlDataSource database, string shard, long after, long upTo, IReadOnlyList<RecordType> types, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(types);
        var payloads = await ReadAsync(database, "SELECT payload FROM ll_records WHERE shard = $1 AND sequence > $2 AND sequence <= $3 AND type = ANY($4) ORDER BY sequence",
            r => (byte[])r.GetValue(0), cancellation, shard, after, upTo, types.Select(t => (short)t).ToArray()).ConfigureAwait(false);
        return [.. payloads.Select(p => RecordCodec.TryDecode(p, out var record, out _) ? record : (TradingRecord?)null).OfType<TradingRecord>()];
    }

    /// <summary>The latest <paramref name="limit"/> closed trades of every shard, oldest first (by when they closed, then shard and record).</summary>
    public static async Task<List<RoundTripRow>> RoundTripsAsync(NpgsqlDataSource database, int limit, CancellationToken cancellation)
    {
        var rows = await ReadAsync(database,
            $"SELECT shard, sequence, instrument_id, is_long, quantity, entry_price, exit_price, pnl, fees, entry_ms, exit_ms FROM ll_round_trips ORDER BY exit_ms DESC, shard DESC, sequence DESC LIMIT {Math.Max(1, limit)}",
            r => new RoundTripRow(r.GetString(0), r.GetInt64(1), r.GetInt32(2), r.GetBoolean(3), r.GetDecimal(4), r.GetDecimal(5), r.GetDecimal(6), r.GetDecimal(7), r.GetDecimal(8), r.GetInt64(9), r.GetInt64(10)),
            cancellation).ConfigureAwait(false);
        rows.Reverse();
        return rows;
    }

    /// <summary>Adds commands to the trail, in one transaction (a writer batches them, so the commit's flush is shared).</summary>
    public static async Task WriteAuditAsync(NpgsqlDataSource database, IReadOnlyList<AuditRow> rows, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(rows);
        await EnsureAsync(database, cancellation).ConfigureAwait(false);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var row in rows)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO ll_audit (time_ms, bridge, who, method, path, command, result, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
            foreach (var value in new object[] { row.TimeMs, row.Bridge, row.Who, row.Method, row.Path, row.Command, row.Result, row.Status })
            {
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            batch.BatchCommands.Add(insert);
        }

        await batch.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>The latest <paramref name="limit"/> commands of the trail, through every bridge, newest first.</summary>
    public static Task<List<AuditRow>> AuditAsync(NpgsqlDataSource database, int limit, CancellationToken cancellation) =>
        ReadAsync(database, $"SELECT time_ms, bridge, who, method, path, command, result, status FROM ll_audit ORDER BY id DESC LIMIT {Math.Max(1, limit)}",
            r => new AuditRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetInt32(7)), cancellation);

    /// <summary>The latest <paramref name="limit"/> fills, newest first.</summary>
    public static Task<List<FillRow>> FillsAsync(NpgsqlDataSource database, int limit, CancellationToken cancellation) =>
        ReadAsync(database, $"SELECT {FillColumns} FROM ll_fills ORDER BY time_ms DESC, shard, sequence DESC LIMIT {Math.Max(1, limit)}", Fill, cancellation);

    private const string OrderColumns = "shard, order_id, instrument_id, side, type, status, quantity_lots, filled_lots, limit_ticks, stop_ticks, updated_ms, last_sequence, snapshot";

    private const string FillColumns = "shard, sequence, order_id, instrument_id, side, quantity_lots, price_ticks, fee, time_ms";

    private static OrderRow Order(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.GetInt32(2), (Side)r.GetInt16(3), (OrderType)r.GetInt16(4), (OrderStatus)r.GetInt16(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.IsDBNull(12) ? null : r.GetString(12));

    private static FillRow Fill(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt32(3), (Side)r.GetInt16(4), r.GetInt64(5), r.GetInt64(6), r.GetDecimal(7), r.GetInt64(8));

    private static async Task<List<T>> ReadAsync<T>(NpgsqlDataSource database, string sql, Func<NpgsqlDataReader, T> row, CancellationToken cancellation, params object[] values)
    {
        await EnsureAsync(database, cancellation).ConfigureAwait(false);
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private static async Task EnsureAsync(NpgsqlDataSource database, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!Ensured.TryGetValue(database, out _))
        {
            await ReadSideSchema.EnsureAsync(database, cancellation).ConfigureAwait(false); // a bridge may answer before any projector created the tables
            Ensured.AddOrUpdate(database, database);
        }
    }
}
