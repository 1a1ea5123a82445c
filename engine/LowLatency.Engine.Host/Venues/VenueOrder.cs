using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// One of our orders as the venue holds it: what the engine wants of it, what the venue last confirmed, and what
/// is in flight. At most one cancel or replace is in flight per order (a replace names the ClOrdID the venue knows
/// the order by, which only its answer settles); what the engine asks meanwhile waits here and goes next.
/// Shared by the venue's sender and session threads under the venue's lock.
/// </summary>
internal sealed class VenueOrder(in Intent intent)
{
    public long OrderId { get; } = intent.OrderId;

    /// <summary>The incarnation its ClOrdIDs carry.</summary>
    public int Incarnation { get; } = intent.Incarnation;

    public int InstrumentId { get; } = intent.InstrumentId;

    public Side Side { get; } = intent.Side;

    public OrderType Type { get; } = intent.Type;

    public TimeInForce TimeInForce { get; } = intent.TimeInForce;

    public long LimitTicks { get; } = intent.LimitTicks;

    public long StopTicks { get; } = intent.StopTicks;

    public bool ReduceOnly { get; } = intent.ReduceOnly;

    /// <summary>The quantity the engine holds for the order.</summary>
    public long WantedLots { get; set; } = intent.QuantityLots;

    /// <summary>The quantity the venue last confirmed.</summary>
    public long VenueLots { get; set; } = intent.QuantityLots;

    /// <summary>Filled, by the venue's latest report.</summary>
    public long CumulativeLots { get; set; }

    /// <summary>The ClOrdID version the venue knows the order by (0: the NewOrderSingle's).</summary>
    public int Version { get; set; }

    /// <summary>The version the next replace takes: never reused, not even after a refused replace.</summary>
    public int NextVersion { get; set; } = 1;

    /// <summary>The version of the replace in flight; 0 when none.</summary>
    public int PendingVersion { get; set; }

    public bool CancelWanted { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>Cancels sent for the order: the version of the next one's ClOrdID, so a retry never repeats one.</summary>
    public int CancelsSent { get; set; }

    /// <summary>When the NewOrderSingle left, for the order→first-report latency; 0 once measured.</summary>
    public long SentTicks { get; set; }

    /// <summary>What to send next, marked in flight: a cancel first, else a replace when the quantities differ.</summary>
    public VenueRequest Next()
    {
        if (PendingVersion != 0 || CancelSent)
        {
            return VenueRequest.None;
        }

        if (CancelWanted)
        {
            CancelSent = true;
            CancelsSent++;
            return VenueRequest.Cancel;
        }

        if (WantedLots != VenueLots && WantedLots > CumulativeLots)
        {
            PendingVersion = NextVersion++;
            return VenueRequest.Replace;
        }

        return VenueRequest.None;
    }

    /// <summary>The request <see cref="Next"/> chose could not be sent (session down): it is chosen again at the next logon.</summary>
    public void NotSent(VenueRequest request)
    {
        if (request == VenueRequest.Cancel)
        {
            CancelSent = false;
        }
        else if (request == VenueRequest.Replace)
        {
            PendingVersion = 0;
        }
    }
}
