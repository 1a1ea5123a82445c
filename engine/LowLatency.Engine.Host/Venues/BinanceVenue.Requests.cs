using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LowLatency.Binance;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>The sender thread's requests: new orders, cancels and cancel-replaces, and what each answer means for the order.</summary>
public sealed partial class BinanceVenue
{
    /// <summary>Binance's code for a cancel of an order it does not work (filled, cancelled, or never there).</summary>
    private const int UnknownOrder = -2011;

    /// <summary>Cancel-replace: the cancel failed, so the new order was not attempted.</summary>
    private const int CancelReplaceCancelFailed = -2022;

    /// <summary>Cancel-replace: the cancel succeeded, the new order failed.</summary>
    private const int CancelReplacePartlyFailed = -2021;

    private void Send(in Intent intent)
    {
        switch (intent.Kind)
        {
            case IntentKind.New:
                SendNew(intent);
                break;
            case IntentKind.Cancel or IntentKind.Replace:
                var id = intent.OrderId;
                lock (_orders)
                {
                    if (!_orders.TryGetValue(id, out var order) || order.Incarnation != intent.Incarnation)
                    {
                        return; // finished at Binance meanwhile: its report is on the way
                    }

                    if (intent.Kind == IntentKind.Cancel)
                    {
                        order.CancelWanted = true;
                    }
                    else
                    {
                        order.WantedLots = intent.QuantityLots;
                    }
                }

                Pump(id);
                break;
            default:
                break;
        }
    }

    private void SendNew(in Intent intent)
    {
        var order = new VenueOrder(intent) { SentTicks = Stopwatch.GetTimestamp() };
        lock (_orders)
        {
            _orders[intent.OrderId] = order;
            _legs[intent.OrderId] = [new BinanceLeg(0)];
            _sentMs[intent.OrderId] = NowMs;
        }

        if (Unsendable(intent) is { } why)
        {
            Finish(order, VenueOutcome.Rejected, why);
            return;
        }

        var query = $"{OrderParameters(order, intent.QuantityLots)}&newClientOrderId={ClientId(order.OrderId, 0, order.Incarnation)}&newOrderRespType=ACK";
        Interlocked.Increment(ref _ordersSent);
        var answer = Request(HttpMethod.Post, _api.Order, query, weight: 1, isOrder: true);
        Interlocked.Increment(ref _ordersAnswered);
        if (answer.Unknown is not null)
        {
            LogUnknown(_logger, Name, order.OrderId, "new order", answer.Unknown);
            ResolveLater(order.OrderId, AfterRecvWindow); // Binance's "no such order" is final only once the request's window has passed
        }
        else if (answer.NotSent is not null)
        {
            Finish(order, VenueOutcome.NotSent, answer.NotSent);
        }
        else if (!answer.Ok)
        {
            Finish(order, VenueOutcome.Rejected, answer.ToString());
        }
        else
        {
            lock (_orders)
            {
                if (_legs.TryGetValue(order.OrderId, out var legs)) // its events may have finished it before this answer came
                {
                    legs[0].ExchangeOrderId = ReadLong(answer.Body, "orderId");
                    Acknowledged(order);
                }
            }
        }
    }

    /// <summary>Sends what the order waits for: its cancel, or a cancel-replace to the quantity the engine wants.</summary>
    private void Pump(long orderId)
    {
        VenueOrder? order;
        VenueRequest next;
        int version, cancelVersion, newVersion;
        long wanted, filled;
        lock (_orders)
        {
            if (!_orders.TryGetValue(orderId, out order))
            {
                return;
            }

            next = order.Next();
            (version, cancelVersion, newVersion, wanted, filled) = (order.Version, order.CancelsSent - 1, order.PendingVersion, order.WantedLots, order.CumulativeLots);
        }

        if (next == VenueRequest.Cancel)
        {
            SendCancel(order, version, cancelVersion);
        }
        else if (next == VenueRequest.Replace && _futures)
        {
            SendModify(order, version, wanted);
        }
        else if (next == VenueRequest.Replace)
        {
            SendReplace(order, version, newVersion, wanted - filled);
        }
    }

    private void SendCancel(VenueOrder order, int version, int cancelVersion)
    {
        var cancelId = new LowLatency.Fix.Messages.ClOrdId(_cancelPrefix, order.OrderId, cancelVersion, order.Incarnation);
        var answer = Request(HttpMethod.Delete, _api.Order,
            $"symbol={_symbols[order.InstrumentId]}&origClientOrderId={ClientId(order.OrderId, version, order.Incarnation)}&newClientOrderId={cancelId}", weight: 1, isOrder: false);
        if (answer.Ok || answer.Code == UnknownOrder || answer.Unknown is not null)
        {
            // Cancelled, already finished, or not known yet: Binance's word on the order settles it (and books any fill that crossed the cancel).
            lock (_orders)
            {
                order.CancelSent = false;
            }

            if (answer.Unknown is null)
            {
                Resolve(order.OrderId);
            }
            else
            {
                LogUnknown(_logger, Name, order.OrderId, "cancel", answer.Unknown);
                ResolveLater(order.OrderId, AfterRecvWindow);
            }

            return;
        }

        Interlocked.Increment(ref _cancelsRefused);
        Interlocked.Increment(ref _refused);
        LogCancelRefused(_logger, Name, order.OrderId, answer.ToString());
        lock (_orders)
        {
            order.CancelSent = false;
            if (order.CancelsSent > _config.CancelRetries)
            {
                order.CancelWanted = false; // the order works on; the engine hears the refusal
                Publish(Report(order, VenueOutcome.CancelRejected));
                return;
            }
        }

        ResolveLater(order.OrderId, TimeSpan.FromMilliseconds(500)); // then the next cancel, under the next id
    }

    private void SendReplace(VenueOrder order, int version, int newVersion, long lots)
    {
        var query = $"{OrderParameters(order, lots)}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId={ClientId(order.OrderId, version, order.Incarnation)}" +
            $"&newClientOrderId={ClientId(order.OrderId, newVersion, order.Incarnation)}&newOrderRespType=ACK";
        var answer = Request(HttpMethod.Post, "/api/v3/order/cancelReplace", query, weight: 1, isOrder: true);
        if (answer.Ok && OrderEventReader.TryReadCancelReplace(answer.Body, out var oldExecuted, out var newOrderId))
        {
            var oldFilled = _registry[order.InstrumentId].NearestLots(oldExecuted);
            lock (_orders)
            {
                if (!_legs.TryGetValue(order.OrderId, out var legs))
                {
                    return; // finished meanwhile (filled, or its replacement's events came first and ended it)
                }

                var old = legs.Find(l => l.Version == version) ?? legs[^1];
                legs.Add(new BinanceLeg(newVersion) { ExchangeOrderId = newOrderId, BaseLots = old.BaseLots + oldFilled });
                order.Version = newVersion;
                order.PendingVersion = 0;
                order.VenueLots = old.BaseLots + oldFilled + lots;
                Publish(Report(order, VenueOutcome.Replaced) with { VenueQuantityLots = order.VenueLots });
            }

            Resolve(order.OrderId); // fills of the old version that crossed the replace; then whatever the engine wants next
            return;
        }

        if (answer.Unknown is not null || answer.Ok)
        {
            LogUnknown(_logger, Name, order.OrderId, "cancel-replace", answer.Unknown ?? "an answer not of the documented shape");
            ResolveLater(order.OrderId, AfterRecvWindow);
            return;
        }

        lock (_orders)
        {
            order.PendingVersion = 0;
        }

        if (answer.Code is CancelReplaceCancelFailed or CancelReplacePartlyFailed || answer.NotSent is not null)
        {
            Resolve(order.OrderId); // filled or cancelled meanwhile, cancelled without its replacement, or held back: Binance's word settles it
            return;
        }

        Interlocked.Increment(ref _refused);
        LogReplaceRefused(_logger, Name, order.OrderId, answer.ToString());
        lock (_orders)
        {
            Publish(Report(order, VenueOutcome.ReplaceRejected));
        }
    }

    /// <summary>The order's symbol, side, type, time in force, quantity and prices as Binance's parameters.</summary>
    private string OrderParameters(VenueOrder order, long lots)
    {
        var instrument = _registry[order.InstrumentId];
        var side = order.Side == Side.Buy ? "BUY" : "SELL";
        var tif = order.TimeInForce switch { TimeInForce.Ioc => "IOC", TimeInForce.Fok => "FOK", _ => "GTC" };
        var quantity = Decimal(instrument.LotsToQuantity(lots));
        var price = Decimal(instrument.TicksToPrice(order.LimitTicks));
        var stop = Decimal(instrument.TicksToPrice(order.StopTicks));
        var symbol = _symbols[order.InstrumentId];
        var reduceOnly = order.ReduceOnly ? "&reduceOnly=true" : ""; // futures: Binance refuses what would grow the position instead
        return order.Type switch
        {
            OrderType.Market when _futures => $"symbol={symbol}&side={side}&type=MARKET&quantity={quantity}{reduceOnly}",
            _ when _futures => $"symbol={symbol}&side={side}&type=LIMIT&timeInForce={tif}&quantity={quantity}&price={price}{reduceOnly}",
            OrderType.Market => $"symbol={symbol}&side={side}&type=MARKET&quantity={quantity}",
            OrderType.Limit => $"symbol={symbol}&side={side}&type=LIMIT&timeInForce={tif}&quantity={quantity}&price={price}",
            OrderType.Stop => $"symbol={symbol}&side={side}&type=STOP_LOSS&quantity={quantity}&stopPrice={stop}",
            _ => $"symbol={symbol}&side={side}&type=STOP_LOSS_LIMIT&timeInForce={tif}&quantity={quantity}&price={price}&stopPrice={stop}",
        };
    }

    /// <summary>A price or quantity as Binance's parameters take it: no trailing zeros (the futures API counts them against the symbol's precision, <c>-1111</c>).</summary>
    private static string Decimal(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private BinanceAnswer Request(HttpMethod method, string path, string query, int weight, bool isOrder)
    {
        Interlocked.Increment(ref _requests);
        return _rest.SignedAsync(method, path, query, weight, isOrder, _stop.Token).GetAwaiter().GetResult();
    }

    /// <summary>Under the lock: Binance took the order (its answer or its first event); the engine hears it once.</summary>
    private void Acknowledged(VenueOrder order)
    {
        if (!_acknowledged.Add(order.OrderId))
        {
            return;
        }

        if (order.SentTicks != 0)
        {
            PipelineLatency.Record(AckLatency, order.SentTicks, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _acksMeasured);
            order.SentTicks = 0;
        }

        Publish(Report(order, VenueOutcome.Working) with { VenueQuantityLots = order.VenueLots });
    }

    /// <summary>The order ends here with <paramref name="outcome"/> (never sent, or refused), logged with Binance's answer.</summary>
    private void Finish(VenueOrder order, VenueOutcome outcome, string why)
    {
        if (outcome == VenueOutcome.Rejected)
        {
            Interlocked.Increment(ref _refused);
        }

        LogFinished(_logger, Name, order.OrderId, outcome.ToString(), why);
        lock (_orders)
        {
            Forget(order.OrderId);
            Publish(Report(order, outcome));
        }
    }

    /// <summary>Under the lock: the order is done at Binance; nothing more is asked of it.</summary>
    private void Forget(long orderId)
    {
        _orders.Remove(orderId);
        _legs.Remove(orderId);
        _acknowledged.Remove(orderId);
        _restored.Remove(orderId);
        _sentMs.Remove(orderId);
    }

    private static VenueReport Report(VenueOrder order, VenueOutcome outcome) => new()
    {
        OrderId = order.OrderId, Incarnation = order.Incarnation, InstrumentId = order.InstrumentId, Outcome = outcome, CumulativeLots = order.CumulativeLots, TimeMs = NowMs,
    };

    private static long ReadLong(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: order {OrderId}: the {Request}'s outcome is unknown ({Why}); Binance is asked once its recvWindow has passed")]
    private static partial void LogUnknown(ILogger logger, string venue, long orderId, string request, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: order {OrderId} {Outcome}: {Why}")]
    private static partial void LogFinished(ILogger logger, string venue, long orderId, string outcome, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: cancel of order {OrderId} refused: {Why}")]
    private static partial void LogCancelRefused(ILogger logger, string venue, long orderId, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance venue {Venue}: replace of order {OrderId} refused: {Why}; the engine cancels it")]
    private static partial void LogReplaceRefused(ILogger logger, string venue, long orderId, string why);
}
