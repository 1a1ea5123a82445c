using System.Globalization;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Bridge.Api;

/// <summary>Contract 2.29–2.32: submit, list, get, cancel orders. Accepts both body spellings (<c>type</c>/<c>order_type</c>, <c>stopLoss</c>, <c>stop_price</c>, <c>time_in_force</c>).</summary>
public static class OrderEndpoints
{
    public static void MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders");
        orders.MapPost("", Submit);
        // The engine's recent orders (authoritative) over the history store's older ones, oldest first.
        orders.MapGet("", (EngineAccess engine, HistoryQueries history, int? limit) => engine.Read(core =>
        {
            var recent = core.Orders.Working.Concat(core.Orders.History).Select(o => Views.Order(o, core.Registry[o.InstrumentId])).ToDictionary(o => o.OrderId);
            foreach (var stored in history.Orders(Math.Clamp(limit ?? 1000, 1, 10_000)))
            {
                recent.TryAdd(stored.OrderId, stored);
            }

            return Results.Json(recent.Values.OrderBy(o => long.Parse(o.OrderId, CultureInfo.InvariantCulture)).ToList());
        }));
        orders.MapGet("/{id}", (string id, EngineAccess engine, HistoryQueries history) => engine.Read(core =>
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId))
            {
                return Problems.NotFound($"order '{id}' not found");
            }

            return core.Orders.Find(orderId) is { } order
                ? Results.Json(Views.Order(order, core.Registry[order.InstrumentId]))
                : history.Order(orderId) is { } stored ? Results.Json(stored) : Problems.NotFound($"order '{id}' not found");
        }));
        orders.MapDelete("/{id}", Cancel);
    }

    /// <summary>Every field an order body may carry (both spellings); anything else is refused rather than ignored.</summary>
    internal static readonly HashSet<string> OrderFields = new(StringComparer.Ordinal)
    {
        "symbol", "side", "quantity", "type", "order_type", "price", "stop_price", "stopPrice", "stop_loss", "stopLoss",
        "take_profit", "takeProfit", "time_in_force", "timeInForce",
    };

    private static async Task<IResult> Submit(HttpRequest request, EngineAccess engine, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, OrderFields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error);
        if (error is not null || symbol is null)
        {
            return Problems.BadRequest(error ?? "missing required field: symbol");
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        var (command, invalid) = ParseOrder(body, instrument);
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        return await engine.SendAsync(command, outcome => engine.Read(core =>
            core.Orders.Find(outcome.OrderId) is { } order
                ? Results.Json(new { success = true, order = Views.Order(order, instrument, symbol) })
                : Results.Json(new { success = true, order = (object?)null })), ct).ConfigureAwait(false);
    }

    private static async Task<IResult> Cancel(string id, EngineAccess engine, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var orderId) || orderId <= 0)
        {
            return Problems.NotFound($"order '{id}' not found");
        }

        return await engine.SendAsync(new Command { Type = CommandType.CancelOrder, OrderId = orderId }, _ => engine.Read(core =>
            Results.Json(new
            {
                success = true,
                message = $"Order {orderId} cancelled",
                cancelled_order = core.Orders.Find(orderId) is { } order ? Views.Order(order, core.Registry[order.InstrumentId]) : null,
            })), ct).ConfigureAwait(false);
    }

    /// <summary>Validates every field and converts prices to ticks and the quantity to lots; the error text otherwise.</summary>
    internal static (Command Command, string? Error) ParseOrder(RequestBody body, Instrument instrument)
    {
        var command = new Command { Type = CommandType.SubmitOrder, InstrumentId = instrument.Id };
        var side = body.String("side", out var error);
        if (error is not null || side is null)
        {
            return (command, error ?? "missing required field: side");
        }

        switch (side.ToUpperInvariant())
        {
            case "BUY" or "LONG":
                command.Side = Side.Buy;
                break;
            case "SELL" or "SHORT":
                command.Side = Side.Sell;
                break;
            default:
                return (command, $"side '{side}' is not BUY or SELL");
        }

        var quantity = body.Number("quantity", out error);
        if (error is not null || quantity is null)
        {
            return (command, error ?? "missing required field: quantity");
        }

        if (quantity <= 0)
        {
            return (command, $"quantity {quantity} must be positive");
        }

        if (quantity / instrument.LotSize > 1e12m || !instrument.TryToLots(quantity.Value, out var lots))
        {
            return (command, quantity / instrument.LotSize > 1e12m ? $"quantity {quantity} is beyond any order size" : $"quantity {quantity} is not a whole number of lots of {instrument.LotSize}");
        }

        command.QuantityLots = lots;
        // A field present with the wrong type is an error, never a fall-through to its alias or a default.
        var typeField = body.Alias("type", "order_type", out error);
        var type = error is null ? body.String(typeField, out error) : null;
        if (error is not null)
        {
            return (command, error);
        }

        switch ((type ?? "market").ToUpperInvariant())
        {
            case "MARKET":
                command.OrderType = OrderType.Market;
                break;
            case "LIMIT":
                command.OrderType = OrderType.Limit;
                break;
            case "STOP" or "STOP_MARKET":
                command.OrderType = OrderType.Stop;
                break;
            case "STOP_LIMIT" or "STOPLIMIT":
                command.OrderType = OrderType.StopLimit;
                break;
            default:
                return (command, $"type '{type}' is not market, limit, stop or stop_limit");
        }

        var tifField = body.Alias("time_in_force", "timeInForce", out error);
        var tif = error is null ? body.String(tifField, out error) : null;
        if (error is not null)
        {
            return (command, error);
        }

        switch ((tif ?? "GTC").ToUpperInvariant())
        {
            case "GTC":
                command.TimeInForce = TimeInForce.Gtc;
                break;
            case "IOC":
                command.TimeInForce = TimeInForce.Ioc;
                break;
            case "FOK":
                command.TimeInForce = TimeInForce.Fok;
                break;
            case "DAY":
                command.TimeInForce = TimeInForce.Day;
                break;
            default:
                return (command, $"time_in_force '{tif}' is not GTC, IOC, FOK or DAY");
        }

        var needsLimit = command.OrderType is OrderType.Limit or OrderType.StopLimit;
        var needsStop = command.OrderType is OrderType.Stop or OrderType.StopLimit;
        if ((error = Price(body, "price", instrument, needsLimit, out var limit)) is not null)
        {
            return (command, error);
        }

        var stopField = body.Alias("stopPrice", "stop_price", out error);
        if (error is not null || (error = Price(body, stopField, instrument, needsStop, out var stop)) is not null)
        {
            return (command, error);
        }

        var stopLossField = body.Alias("stopLoss", "stop_loss", out error);
        if (error is not null || (error = Price(body, stopLossField, instrument, false, out var stopLoss)) is not null)
        {
            return (command, error);
        }

        var takeProfitField = body.Alias("takeProfit", "take_profit", out error);
        if (error is not null || (error = Price(body, takeProfitField, instrument, false, out var takeProfit)) is not null)
        {
            return (command, error);
        }

        // A market order may carry the price the user saw; only orders that rest use it.
        command.LimitTicks = needsLimit ? limit : 0;
        command.StopTicks = needsStop ? stop : 0;
        command.StopLossTicks = stopLoss;
        command.TakeProfitTicks = takeProfit;
        return (command, null);
    }

    private static string? Price(RequestBody body, string name, Instrument instrument, bool required, out long ticks)
    {
        ticks = 0;
        var price = body.Number(name, out var error);
        if (error is not null)
        {
            return error;
        }

        if (price is null)
        {
            return required ? $"missing required field for this order type: {name}" : null;
        }

        if (price <= 0 || price / instrument.TickSize > 1e15m)
        {
            return $"{name} {price} must be a positive price";
        }

        ticks = (long)decimal.Round(price.Value / instrument.TickSize, MidpointRounding.AwayFromZero);
        return ticks > 0 ? null : $"{name} {price} is below one tick ({instrument.TickSize})";
    }
}
