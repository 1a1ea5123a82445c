using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Tests.Support;

/// <summary>A real venue as the core sees one: it takes orders and reports nothing by itself; the test's reports are its only word.</summary>
internal sealed class HoldingVenue : IVenue
{
    public int Cancels { get; private set; }

    public List<long> Tokens { get; } = [];

    public List<Order> Submitted { get; } = [];

    public List<(long OrderId, long QuantityLots)> Amended { get; } = [];

    public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => createdMs;

    /// <summary>Whether new orders may go to it (its reconciliation applied).</summary>
    public bool Ready { get; set; } = true;

    public bool IsRemote(int instrumentId) => true;

    public bool IsReady(int instrumentId) => Ready;

    public void Submit(Order order) => Submitted.Add(order);

    public void Amend(Order order) => Amended.Add((order.Id, order.IntendedLots));

    public void Cancel(Order order) => Cancels++;

    public void OnQuote(in Tick tick, IVenueListener listener)
    {
    }

    /// <summary>How many times the core said what it decided may leave (<see cref="IVenue.OnDurable"/>).</summary>
    public int Durables { get; private set; }

    public void OnDurable() => Durables++;

    public void Applied(in VenueReport report) => Tokens.Add(report.Token);
}
