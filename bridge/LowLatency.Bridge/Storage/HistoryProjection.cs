using System.Globalization;
using System.Text.Json;
using LowLatency.Analytics;
using LowLatency.Bridge.Api.Contracts;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Realtime;
using LowLatency.Engine.MarketData;
using LowLatency.History;

namespace LowLatency.Bridge.Storage;

/// <summary>
/// Projects the engine's stream into the history tables: orders (latest state, upserted), fills and closed
/// positions (inserted once: a resync that replays them changes nothing), and closed bars, labelled with the
/// source of the prices they were built from (into the bar store, which may be a cluster's PostgreSQL).
/// </summary>
public sealed class HistoryProjection(BridgeStore store, BarWriteQueue bars, InstrumentRegistry registry) : IBarSink
{
    /// <summary>Where each instrument's prices come from, as the engine last said.</summary>
    public PriceSourceMap Sources { get; } = new(registry);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public void OnOrder(OrderDto order, int instrumentId, long createdMs, long updatedMs)
    {
        ArgumentNullException.ThrowIfNull(order);
        var symbol = registry[instrumentId].Symbol;
        var json = JsonSerializer.Serialize(order with { Symbol = symbol }, Frames.Json);
        store.Write(c =>
        {
            c.CommandText = """
                INSERT INTO orders (id, instrument, side, type, quantity, price, status, created, updated, json) VALUES ($id, $i, $s, $t, $q, $p, $st, $c, $u, $j)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, quantity = excluded.quantity, updated = excluded.updated, json = excluded.json
                """;
            c.Parameters.AddWithValue("$id", long.Parse(order.OrderId, CultureInfo.InvariantCulture));
            c.Parameters.AddWithValue("$i", symbol);
            c.Parameters.AddWithValue("$s", order.Side);
            c.Parameters.AddWithValue("$t", order.Type);
            c.Parameters.AddWithValue("$q", Text(order.Quantity));
            c.Parameters.AddWithValue("$p", order.Price is { } p ? Text(p) : DBNull.Value);
            c.Parameters.AddWithValue("$st", order.Status);
            c.Parameters.AddWithValue("$c", createdMs);
            c.Parameters.AddWithValue("$u", updatedMs);
            c.Parameters.AddWithValue("$j", json);
            c.ExecuteNonQuery();
        });
    }

    public void OnFill(long sequence, long orderId, int instrumentId, string side, decimal quantity, decimal price, decimal fee, long timeMs)
    {
        var symbol = registry[instrumentId].Symbol;
        store.Write(c =>
        {
            c.CommandText = "INSERT OR IGNORE INTO fills (sequence, order_id, instrument, side, quantity, price, fee, time) VALUES ($s, $o, $i, $d, $q, $p, $f, $t)";
            c.Parameters.AddWithValue("$s", sequence);
            c.Parameters.AddWithValue("$o", orderId);
            c.Parameters.AddWithValue("$i", symbol);
            c.Parameters.AddWithValue("$d", side);
            c.Parameters.AddWithValue("$q", Text(quantity));
            c.Parameters.AddWithValue("$p", Text(price));
            c.Parameters.AddWithValue("$f", Text(fee));
            c.Parameters.AddWithValue("$t", timeMs);
            c.ExecuteNonQuery();
        });
    }

    public void OnClosed(ClosedTrade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        var symbol = registry[trade.InstrumentId].Symbol;
        store.Write(c =>
        {
            c.CommandText = """
                INSERT OR IGNORE INTO closed_positions (id, instrument, side, quantity, entry_price, exit_price, realized_pnl, entry_time, exit_time)
                VALUES ($id, $i, $s, $q, $e, $x, $p, $et, $xt)
                """;
            c.Parameters.AddWithValue("$id", trade.Id);
            c.Parameters.AddWithValue("$i", symbol);
            c.Parameters.AddWithValue("$s", trade.Side);
            c.Parameters.AddWithValue("$q", Text(trade.Quantity));
            c.Parameters.AddWithValue("$e", Text(trade.EntryPrice));
            c.Parameters.AddWithValue("$x", Text(trade.ExitPrice));
            c.Parameters.AddWithValue("$p", Text(trade.RealizedPnl));
            c.Parameters.AddWithValue("$et", trade.EntryTimeMs);
            c.Parameters.AddWithValue("$xt", trade.ExitTimeMs);
            c.ExecuteNonQuery();
        });
    }

    /// <summary>Per instrument id, the open time of the newest one-minute bar built from the engine's prices in the store (<see cref="long.MinValue"/> for none).</summary>
    public long[] LastEngineMinutes()
    {
        var last = Enumerable.Repeat(long.MinValue, registry.Count).ToArray();
        foreach (var (symbol, openTimeMs) in bars.Store.Newest(Timeframe.M1, PriceSources.Imported))
        {
            if (registry.TryResolve(symbol, out var instrument))
            {
                last[instrument.Id] = openTimeMs;
            }
        }

        return last;
    }

    public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar)
    {
        var symbol = registry[instrumentId].Symbol;
        // Unknown only if figures were lost: labelled as simulated, a bar that can never replace a real one.
        var source = Sources.Of(instrumentId) ?? PriceSources.Simulator;
        bars.Write(new BarWrite(symbol, timeframe, bar, source));
    }
}
