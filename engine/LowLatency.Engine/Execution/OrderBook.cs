using System.Runtime.CompilerServices;

namespace LowLatency.Engine.Execution;

/// <summary>
/// The orders of record: working orders by id and per instrument, plus a bounded history of finished ones.
/// Order objects come from a pool and go back to it when they fall out of the history, so a steady stream of
/// orders allocates nothing once the pool has grown to its working size.
/// </summary>
public sealed class OrderBook
{
    private readonly Dictionary<long, Order> _working;
    private readonly List<Order>[] _byInstrument;
    private readonly Stack<Order> _pool;
    private readonly Order?[] _history;
    private long _historyCount;

    public OrderBook(int instrumentCount, int historyCapacity = 1024, int expectedWorking = 1024)
    {
        _working = new Dictionary<long, Order>(expectedWorking);
        _byInstrument = new List<Order>[instrumentCount];
        for (var i = 0; i < instrumentCount; i++)
        {
            _byInstrument[i] = new List<Order>(64);
        }

        _pool = new Stack<Order>(expectedWorking);
        for (var i = 0; i < expectedWorking; i++)
        {
            _pool.Push(new Order());
        }

        _history = new Order?[Math.Max(1, historyCapacity)];
    }

    public int WorkingCount => _working.Count;

    /// <summary>How many finished orders are remembered.</summary>
    public int HistoryCapacity => _history.Length;

    /// <summary>The last id handed out; ids are 1, 2, 3 … in acceptance order.</summary>
    public long LastOrderId { get; internal set; }

    /// <summary>Orders that finished (filled, cancelled, expired), ever.</summary>
    public long FinishedCount => _historyCount;

    /// <summary>Working orders of one instrument (do not modify; iterate backwards if orders may finish meanwhile).</summary>
    public List<Order> WorkingFor(int instrumentId) => _byInstrument[instrumentId]; // concrete: foreach without a boxed enumerator

    /// <summary>Working orders (concrete type: foreach without a boxed enumerator).</summary>
    public Dictionary<long, Order>.ValueCollection Working => _working.Values;

    /// <summary>Finished orders, oldest first, at most the history capacity.</summary>
    public IEnumerable<Order> History
    {
        get
        {
            var count = (int)Math.Min(_historyCount, _history.Length);
            for (var i = 0; i < count; i++)
            {
                var order = _history[(_historyCount - count + i) % _history.Length];
                if (order is not null)
                {
                    yield return order;
                }
            }
        }
    }

    public bool TryGetWorking(long id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Order? order) => _working.TryGetValue(id, out order);

    /// <summary>A finished or working order by id, if still remembered.</summary>
    public Order? Find(long id)
    {
        if (_working.TryGetValue(id, out var order))
        {
            return order;
        }

        foreach (var finished in _history)
        {
            if (finished?.Id == id)
            {
                return finished;
            }
        }

        return null;
    }

    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal Order Rent()
    {
        var order = _pool.Count > 0 ? _pool.Pop() : new Order();
        order.Reset();
        return order;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddWorking(Order order)
    {
        _working.Add(order.Id, order);
        _byInstrument[order.InstrumentId].Add(order);
        LastOrderId = Math.Max(LastOrderId, order.Id);
    }

    /// <summary>Moves a working order that finished to the history, recycling the oldest remembered one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Finish(Order order)
    {
        _working.Remove(order.Id);
        _byInstrument[order.InstrumentId].Remove(order);
        var slot = _historyCount % _history.Length;
        if (_history[slot] is { } evicted)
        {
            _pool.Push(evicted);
        }

        _history[slot] = order;
        _historyCount++;
    }

    /// <summary>Records a rejected order in the history without it ever working.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddFinished(Order order)
    {
        LastOrderId = Math.Max(LastOrderId, order.Id);
        var slot = _historyCount % _history.Length;
        if (_history[slot] is { } evicted)
        {
            _pool.Push(evicted);
        }

        _history[slot] = order;
        _historyCount++;
    }
}
