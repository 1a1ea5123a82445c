namespace LowLatency.Engine.Execution;

/// <summary>What a venue reports back about working orders (called on the trading thread, during <see cref="IVenue.OnQuote"/>).</summary>
public interface IVenueListener
{
    void OnFill(Order order, long lots, long priceTicks, bool maker, long timeMs);

    void OnTriggered(Order order, long timeMs);

    void OnCancelled(Order order, CancelReason reason, long timeMs);

    void OnExpired(Order order, long timeMs);

    /// <summary>A limit order could not fill against the quote and now rests on the book (once per order).</summary>
    void OnRested(Order order, long timeMs);
}
