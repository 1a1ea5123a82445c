using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads what Binance says about our orders: the user data stream's events (spot <c>executionReport</c>, futures
/// <c>ORDER_TRADE_UPDATE</c>, <c>listenKeyExpired</c>), an order query's answer and a trade list. These are read on
/// the venue's I/O threads, never the trading thread, so they are read as documents; a message that is not whole
/// or not one of these is false, never an exception.
/// </summary>
public static class OrderEventReader
{
    /// <summary>A user data stream message: an order event (read into <paramref name="order"/>), the listen key's expiry, or something else.</summary>
    public static UserDataEventKind ReadStreamEvent(ReadOnlySpan<byte> json, out BinanceOrderEvent? order)
    {
        order = null;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
            {
                root = wrapped; // the WebSocket API's subscription wraps each event
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("e", out var type))
            {
                return UserDataEventKind.Other;
            }

            switch (type.GetString())
            {
                case "listenKeyExpired":
                    return UserDataEventKind.ListenKeyExpired;
                case "eventStreamTerminated":
                    return UserDataEventKind.StreamTerminated;
                case "executionReport":
                    order = FromStream(root, root.GetProperty("C").GetString() is { Length: > 0 } original ? original : root.GetProperty("c").GetString()!);
                    return UserDataEventKind.Order;
                case "ORDER_TRADE_UPDATE":
                    var o = root.GetProperty("o");
                    order = FromStream(o, o.GetProperty("c").GetString()!) with { TimeMs = root.GetProperty("E").GetInt64() };
                    return UserDataEventKind.Order;
                default:
                    return UserDataEventKind.Other;
            }
        }
        catch (Exception e) when (Unreadable(e))
        {
            order = null;
            return UserDataEventKind.Other;
        }
    }

    /// <summary>The answer to <c>GET /api/v3/order</c> (or futures' <c>/fapi/v1/order</c>); false when it is not an order.</summary>
    public static bool TryReadOrder(string json, out BinanceOrderEvent? order)
    {
        order = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            order = FromQuery(root);
            return true;
        }
        catch (Exception e) when (Unreadable(e))
        {
            return false;
        }
    }

    /// <summary>
    /// The answer to a successful <c>POST /api/v3/order/cancelReplace</c>: what the cancelled order had executed
    /// (final, since it is cancelled) and the new order's exchange id; false when the answer is not of that shape.
    /// </summary>
    public static bool TryReadCancelReplace(string json, out decimal cancelledExecuted, out long newOrderId)
    {
        (cancelledExecuted, newOrderId) = (0, 0);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            cancelledExecuted = Decimal(root.GetProperty("cancelResponse"), "executedQty");
            newOrderId = root.GetProperty("newOrderResponse").GetProperty("orderId").GetInt64();
            return true;
        }
        catch (Exception e) when (Unreadable(e))
        {
            return false;
        }
    }

    /// <summary>The orders of <c>GET /api/v3/openOrders</c>; empty for an answer that is not a list of orders.</summary>
    public static IReadOnlyList<BinanceOrderEvent> ReadOrders(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray().Select(FromQuery)] : [];
        }
        catch (Exception e) when (Unreadable(e))
        {
            return [];
        }
    }

    /// <summary>The trades of <c>GET /api/v3/myTrades</c>, in the exchange's order (by trade id).</summary>
    public static IReadOnlyList<BinanceTrade> ReadTrades(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateArray()
                .Select(t => new BinanceTrade(t.GetProperty("id").GetInt64(), t.GetProperty("orderId").GetInt64(), Decimal(t, "price"), Decimal(t, "qty"), t.GetProperty("time").GetInt64()))
                .OrderBy(t => t.Id)];
        }
        catch (Exception e) when (Unreadable(e))
        {
            return [];
        }
    }

    private static BinanceOrderEvent FromStream(JsonElement e, string clientOrderId) => new()
    {
        Symbol = e.GetProperty("s").GetString()!, ClientOrderId = clientOrderId, ExchangeOrderId = e.GetProperty("i").GetInt64(),
        Status = e.GetProperty("X").GetString()!, ExecutionType = e.GetProperty("x").GetString()!, OriginalQuantity = Decimal(e, "q"),
        CumulativeQuantity = Decimal(e, "z"), LastQuantity = Decimal(e, "l"), LastPrice = Decimal(e, "L"),
        TimeMs = e.TryGetProperty("T", out var t) ? t.GetInt64() : e.TryGetProperty("E", out var ev) ? ev.GetInt64() : 0,
        Reason = e.TryGetProperty("r", out var r) ? r.GetString() ?? "" : "",
    };

    private static BinanceOrderEvent FromQuery(JsonElement e) => new()
    {
        Symbol = e.GetProperty("symbol").GetString()!, ClientOrderId = e.GetProperty("clientOrderId").GetString()!, ExchangeOrderId = e.GetProperty("orderId").GetInt64(),
        Status = e.GetProperty("status").GetString()!, OriginalQuantity = Decimal(e, "origQty"), CumulativeQuantity = Decimal(e, "executedQty"),
        TimeMs = e.TryGetProperty("updateTime", out var t) ? t.GetInt64() : 0,
    };

    private static decimal Decimal(JsonElement e, string name) => JsonDecimal.Read(e.GetProperty(name));

    /// <summary>What reading a message that is not whole, not ours or not of this shape throws.</summary>
    private static bool Unreadable(Exception e) => e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException;
}
