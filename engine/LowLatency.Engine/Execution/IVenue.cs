using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.Execution;

/// <summary>
/// Where orders go: the paper exchange, or an adapter to a real venue. Calls arrive on the trading thread; a
/// venue reports fills, triggers, cancels and expiries through the <see cref="IVenueListener"/>.
/// </summary>
public interface IVenue
{
    /// <summary>
    /// When an order created at <paramref name="createdMs"/> starts to be worked (the paper exchange's simulated
    /// latency; a real venue's is the creation time). Decided before the order is accepted and journalled with
    /// it, so a replay works it from the same moment.
    /// </summary>
    long ActivationTimeMs(long orderId, int instrumentId, long createdMs);

    /// <summary>
    /// Whether a real venue works this instrument's orders: then a cancel or a change of quantity is a request the
    /// venue answers (the pending states), where the paper exchange, inside the engine, applies it at once.
    /// </summary>
    bool IsRemote(int instrumentId) => false;

    /// <summary>
    /// Whether new orders of this instrument may go to the venue now: a real venue is not ready from a start, and
    /// from each logon, until its reconciliation is applied (the venue's word on every order the journal may have
    /// there), so no order is decided on state the venue has not confirmed. Read on the trading thread.
    /// </summary>
    bool IsReady(int instrumentId) => true;

    /// <summary>
    /// The venue's own rules for a new order, checked with the pre-trade checks on the trading thread so the
    /// venue never refuses what risk could have: an exchange's published filters. Allocation-free when it passes.
    /// </summary>
    RejectReason Screen(in OrderRequest request) => RejectReason.None;

    /// <summary>An order the engine accepted (or restored on restart) that the venue must now work.</summary>
    void Submit(Order order);

    /// <summary>The engine cancelled a working order.</summary>
    void Cancel(Order order);

    /// <summary>
    /// The engine changed a working order's quantity (a bracket's exits growing with their parent's fills, an OCO
    /// sibling shrinking with the other's). The paper exchange works from the order itself; a real venue replaces it.
    /// </summary>
    void Amend(Order order)
    {
    }

    /// <summary>A quote: the paper exchange matches against it; adapters may ignore it.</summary>
    void OnQuote(in Tick tick, IVenueListener listener);

    /// <summary>
    /// Everything submitted or cancelled so far is durable in the journal. An adapter to a real venue holds its
    /// outbound messages until this call and sends them here, so nothing reaches the venue that a crash could
    /// make the engine forget. The paper exchange is inside the engine's state machine: nothing leaves it.
    /// </summary>
    void OnDurable();

    /// <summary>
    /// At start-up, before the working orders are restored: the journal knows every order of incarnation
    /// <paramref name="firstIncarnation"/> or later with an id up to <paramref name="lastOrderId"/>. An adapter
    /// whose own record shows it sent others (its store outlived the journal, or the journal's unsynced tail was
    /// lost) asks the venue about them, so an order the engine forgot is found and cancelled there.
    /// </summary>
    void JournalCovers(int firstIncarnation, long lastOrderId)
    {
    }

    /// <summary>A working order found in the journal at start-up. A real venue must not send it again (it may already have it); the paper exchange works it like a new one.</summary>
    void Restore(Order order) => Submit(order);

    /// <summary>The core applied a report this venue published (<see cref="VenueReport.Token"/>); durable at the next <see cref="OnDurable"/>.</summary>
    void Applied(in VenueReport report)
    {
    }
}
