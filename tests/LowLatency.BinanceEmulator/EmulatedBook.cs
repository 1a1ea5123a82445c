using System.Collections.Specialized;
using System.Globalization;

namespace LowLatency.BinanceEmulator;

/// <summary>
/// The orders of one emulated Binance account, spot or USDⓈ-M futures: its order store, trades and the user data
/// events every change sends, before the REST answer (as Binance may). Market orders fill at <see cref="MarketPrice"/>;
/// limit orders rest until a test fills them (<see cref="Fill"/>), which is the counterparty's trade. Events can be
/// lost on request. Each market's endpoints and shapes are its subclass's.
/// </summary>
public abstract class EmulatedBook
{
    private readonly Dictionary<string, EmulatedOrder> _byClientId = new(StringComparer.Ordinal);
    private long _nextOrderId = 1000;
    private long _nextTradeId = 5000;
    private int _eventsToLose;

    protected Lock Gate { get; } = new();

    protected Dictionary<string, EmulatedOrder> ByClientId => _byClientId;

    protected List<(long Id, EmulatedOrder Order, decimal Price, decimal Quantity, long TimeMs)> Trades { get; } = [];

    /// <summary>Where events go (the user data stream emulator's send); an event with no connection to take it is lost, as on Binance.</summary>
    public Func<string, Task>? Events { get; set; }

    /// <summary>The price market orders fill at, by symbol.</summary>
    public Dictionary<string, decimal> MarketPrice { get; } = new(StringComparer.Ordinal) { ["BTCUSDT"] = 50_000m };

    /// <summary>The LOT_SIZE step; a quantity off it is refused.</summary>
    public decimal StepSize { get; set; } = 0.00001m;

    /// <summary>The minimum notional of every symbol.</summary>
    public decimal MinNotional { get; set; } = 5m;

    /// <summary>Every order request that reached the book: (method, client order id).</summary>
    public List<(string Method, string ClientOrderId)> Requests { get; } = [];

    /// <summary>The next <paramref name="count"/> events are not delivered (a gap in the stream).</summary>
    public void LoseEvents(int count) => Interlocked.Exchange(ref _eventsToLose, count);

    public EmulatedOrder? Find(string clientOrderId)
    {
        lock (Gate)
        {
            return _byClientId.GetValueOrDefault(clientOrderId);
        }
    }

    public IReadOnlyList<EmulatedOrder> Orders
    {
        get
        {
            lock (Gate)
            {
                return [.. _byClientId.Values];
            }
        }
    }

    /// <summary>Places an order directly (another program on the account, or one a lost journal sent).</summary>
    public EmulatedOrder Place(string symbol, string clientOrderId, string side, decimal quantity, decimal price)
    {
        lock (Gate)
        {
            var order = new EmulatedOrder { Symbol = symbol, OrderId = _nextOrderId++, ClientOrderId = clientOrderId, Side = side, Type = "LIMIT", Price = price, Quantity = quantity, TimeMs = Now };
            _byClientId[clientOrderId] = order;
            return order;
        }
    }

    /// <summary>A counterparty trades <paramref name="quantity"/> with the open order at <paramref name="price"/>; false when it is not open.</summary>
    public bool Fill(string clientOrderId, decimal quantity, decimal price)
    {
        var events = new List<string>();
        lock (Gate)
        {
            if (!_byClientId.TryGetValue(clientOrderId, out var order) || !order.IsOpen)
            {
                return false;
            }

            Trade(order, Math.Min(quantity, order.Quantity - order.Executed), price, events);
        }

        SendAll(events);
        return true;
    }

    /// <summary>Answers an order endpoint of this market with the signed request's parameters, then sends the events it caused.</summary>
    public (int Status, string Body) Handle(string method, string path, NameValueCollection p)
    {
        var events = new List<string>();
        (int, string) answer;
        lock (Gate)
        {
            answer = Answer(method, path, p, events);
        }

        SendAll(events);
        return answer;
    }

    /// <summary>Whether <paramref name="path"/> is one of the order endpoints <see cref="Handle"/> answers.</summary>
    public abstract bool Serves(string path);

    /// <summary>The <c>exchangeInfo</c> answer for the symbols <see cref="MarketPrice"/> knows, in this market's documented shape.</summary>
    public abstract string ExchangeInfo(long serverMs);

    /// <summary>Under the lock: the endpoint's answer; the events it causes go into <paramref name="events"/>.</summary>
    protected abstract (int Status, string Body) Answer(string method, string path, NameValueCollection p, List<string> events);

    /// <summary>Under the lock: the user data event for a change of <paramref name="order"/>.</summary>
    protected abstract string Report(EmulatedOrder order, string execution, decimal lastQuantity, decimal lastPrice, long tradeId, string? cancelId = null);

    /// <summary>Under the lock: what else a trade changes (a futures position), with its events.</summary>
    protected virtual void Traded(EmulatedOrder order, decimal quantity, decimal price, List<string> events)
    {
    }

    /// <summary>Under the lock: a new order as the request's parameters describe it, stored.</summary>
    protected EmulatedOrder Add(NameValueCollection p, string clientOrderId, decimal quantity)
    {
        var order = new EmulatedOrder
        {
            Symbol = p["symbol"]!, OrderId = _nextOrderId++, ClientOrderId = clientOrderId, Side = p["side"]!, Type = p["type"]!, TimeInForce = p["timeInForce"] ?? "GTC",
            Price = Number(p["price"]), StopPrice = Number(p["stopPrice"]), Quantity = quantity, TimeMs = Now, ReduceOnly = p["reduceOnly"] == "true",
        };
        _byClientId[clientOrderId] = order;
        return order;
    }

    /// <summary>Under the lock: cancels the open order the request names (<c>origClientOrderId</c>), with its event; false (<c>-2011</c>) when none is open.</summary>
    protected bool TryCancel(NameValueCollection p, List<string> events, out EmulatedOrder order)
    {
        var named = p["origClientOrderId"] ?? "";
        Requests.Add(("DELETE", named));
        if (!_byClientId.TryGetValue(named, out order!) || !order.IsOpen)
        {
            return false;
        }

        order.Status = "CANCELED";
        order.UpdateMs = Now;
        events.Add(Report(order, "CANCELED", 0, 0, -1, p["newClientOrderId"] ?? $"cancel-{order.OrderId}"));
        return true;
    }

    /// <summary>Binance's refusal of a cancel of an order it does not work.</summary>
    protected static (int, string) UnknownOrder => (400, """{"code":-2011,"msg":"Unknown order sent."}""");

    /// <summary>Under the lock: a client id no order has used yet.</summary>
    protected string NextClientId() => $"x-{_nextOrderId}";

    /// <summary>Under the lock: a trade on the order, and its events.</summary>
    protected void Trade(EmulatedOrder order, decimal quantity, decimal price, List<string> events)
    {
        order.Executed += quantity;
        order.QuoteExecuted += quantity * price;
        order.Status = order.Executed == order.Quantity ? "FILLED" : "PARTIALLY_FILLED";
        order.UpdateMs = Now;
        var id = _nextTradeId++;
        Trades.Add((id, order, price, quantity, order.UpdateMs));
        events.Add(Report(order, "TRADE", quantity, price, id));
        Traded(order, quantity, price, events);
    }

    protected static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    protected static decimal Number(string? value) => decimal.Parse(value ?? "0", CultureInfo.InvariantCulture);

    private void SendAll(List<string> events)
    {
        foreach (var e in events)
        {
            Send(e);
        }
    }

    private void Send(string report)
    {
        if ((Volatile.Read(ref _eventsToLose) > 0 && Interlocked.Decrement(ref _eventsToLose) >= 0) || Events is not { } events)
        {
            return;
        }

        try
        {
            events(report).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // no user data connection: the event is lost, as it would be
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or ObjectDisposedException or IOException)
        {
            // the connection is going
        }
    }
}
