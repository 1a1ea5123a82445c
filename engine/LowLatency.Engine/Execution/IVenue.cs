using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Execution;

/// <summary>
/// Where orders go: the paper exchange, or an adapter to a real venue. Calls arrive on the trading thread; a
/// venue reports fills, triggers, cancels and expiries through the <see cref="IVenueListener"/>.
/// </summary>
public interface IVenue
{
    /// <summary>An order the engine accepted (or restored on restart) that the venue must now work.</summary>
    void Submit(Order order);

    /// <summary>The engine cancelled a working order.</summary>
    void Cancel(Order order);

    /// <summary>A quote: the paper exchange matches against it; adapters may ignore it.</summary>
    void OnQuote(in Tick tick, IVenueListener listener);
}
