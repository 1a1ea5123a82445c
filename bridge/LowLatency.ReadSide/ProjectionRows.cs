using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;
using Npgsql;

namespace LowLatency.ReadSide;

/// <summary>The statements a projection batch is made of: inserts that ignore a row already there, upserts that never go back in sequence.</summary>
internal static class ProjectionRows
{
    public static void Record(NpgsqlBatch batch, string shard, in TradingRecord record, byte[] payload, string projector) =>
        Add(batch, "INSERT INTO ll_records (shard, sequence, type, time_ms, order_id, instrument_id, payload, projected_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            shard, record.Sequence, (short)record.Type, record.TimeMs, record.OrderId, record.InstrumentId, payload, projector);

    public static void Fill(NpgsqlBatch batch, string shard, in TradingRecord record) =>
        Add(batch, "INSERT INTO ll_fills (shard, sequence, order_id, instrument_id, side, quantity_lots, price_ticks, fee, time_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
            shard, record.Sequence, record.OrderId, record.InstrumentId, (short)record.Side, record.QuantityLots, record.PriceTicks, record.Amount, record.TimeMs);

    /// <summary>A closed trade, keyed by the fill that closed it.</summary>
    public static void RoundTrip(NpgsqlBatch batch, string shard, in RoundTrip trip) =>
        Add(batch, "INSERT INTO ll_round_trips (shard, sequence, instrument_id, is_long, quantity, entry_price, exit_price, pnl, fees, entry_ms, exit_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
            shard, trip.ExitSequence, trip.InstrumentId, trip.Long, trip.Quantity, trip.EntryPrice, trip.ExitPrice, trip.Pnl, trip.Fees, trip.EntryTimeMs, trip.ExitTimeMs);

    public static void Order(NpgsqlBatch batch, string shard, Order order, string snapshot, long sequence) =>
        Add(batch, """
            INSERT INTO ll_orders (shard, order_id, instrument_id, side, type, status, quantity_lots, filled_lots, limit_ticks, stop_ticks, updated_ms, last_sequence, snapshot)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            ON CONFLICT (shard, order_id) DO UPDATE SET status = EXCLUDED.status, quantity_lots = EXCLUDED.quantity_lots, filled_lots = EXCLUDED.filled_lots,
                limit_ticks = EXCLUDED.limit_ticks, stop_ticks = EXCLUDED.stop_ticks, updated_ms = EXCLUDED.updated_ms, last_sequence = EXCLUDED.last_sequence,
                snapshot = EXCLUDED.snapshot
            WHERE ll_orders.last_sequence <= EXCLUDED.last_sequence
            """,
            shard, order.Id, order.InstrumentId, (short)order.Side, (short)order.Type, (short)order.Status, order.QuantityLots, order.FilledLots, order.LimitTicks, order.StopTicks, order.UpdatedMs, sequence, snapshot);

    /// <param name="openedMs">When the batch opened the position (from flat, or across zero); 0: as the row has it.</param>
    public static void Position(NpgsqlBatch batch, string shard, Position position, string snapshot, long openedMs, long sequence) =>
        Add(batch, """
            INSERT INTO ll_positions (shard, instrument_id, quantity_lots, average_price_ticks, realized_pnl, fees, fills, last_sequence, snapshot, opened_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (shard, instrument_id) DO UPDATE SET quantity_lots = EXCLUDED.quantity_lots, average_price_ticks = EXCLUDED.average_price_ticks,
                realized_pnl = EXCLUDED.realized_pnl, fees = EXCLUDED.fees, fills = EXCLUDED.fills, last_sequence = EXCLUDED.last_sequence, snapshot = EXCLUDED.snapshot,
                opened_ms = CASE WHEN EXCLUDED.opened_ms > 0 THEN EXCLUDED.opened_ms ELSE ll_positions.opened_ms END
            WHERE ll_positions.last_sequence <= EXCLUDED.last_sequence
            """,
            shard, position.InstrumentId, position.QuantityLots, position.AveragePriceTicks, position.RealizedPnl, position.Fees, position.Fills, sequence, snapshot, openedMs);

    /// <param name="status">The shard's state at <paramref name="sequence"/> without positions, orders or marks (<c>StateSnapshot</c> JSON).</param>
    public static void Advance(NpgsqlBatch batch, string shard, long sequence, string status, string? snapshot)
    {
        Add(batch, "UPDATE ll_projection SET last_sequence = $2, status = $3 WHERE shard = $1 AND last_sequence < $2", shard, sequence, status);
        if (snapshot is not null)
        {
            Add(batch, "UPDATE ll_projection SET snapshot_sequence = $2, snapshot = $3 WHERE shard = $1 AND snapshot_sequence < $2", shard, sequence, snapshot);
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
