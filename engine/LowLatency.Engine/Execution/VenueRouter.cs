using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.Execution;

/// <summary>
/// The venue per instrument: each call goes to the venue its instrument is configured on (the paper exchange
/// unless a real one is named). The paper exchange only ever sees its own instruments' quotes, so it never
/// matches an order that a real venue works.
/// </summary>
public sealed class VenueRouter : IVenue
{
    private readonly IVenue[] _byInstrument;
    private readonly IVenue[] _distinct;

    public VenueRouter(int instrumentCount, IVenue fallback, IReadOnlyDictionary<int, IVenue> assigned)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(assigned);
        _byInstrument = new IVenue[instrumentCount];
        Array.Fill(_byInstrument, fallback);
        foreach (var (instrument, venue) in assigned)
        {
            _byInstrument[instrument] = venue;
        }

        _distinct = [.. _byInstrument.Append(fallback).Distinct()];
    }

    public IVenue For(int instrumentId) => _byInstrument[instrumentId];

    public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => _byInstrument[instrumentId].ActivationTimeMs(orderId, instrumentId, createdMs);

    public bool IsRemote(int instrumentId) => _byInstrument[instrumentId].IsRemote(instrumentId);

    public bool IsReady(int instrumentId) => _byInstrument[instrumentId].IsReady(instrumentId);

    public RejectReason Screen(in OrderRequest request) => _byInstrument[request.InstrumentId].Screen(request);

    public void Submit(Order order) => _byInstrument[order.InstrumentId].Submit(order);

    public void Cancel(Order order) => _byInstrument[order.InstrumentId].Cancel(order);

    public void Amend(Order order) => _byInstrument[order.InstrumentId].Amend(order);

    public void Restore(Order order) => _byInstrument[order.InstrumentId].Restore(order);

    public void JournalCovers(int firstIncarnation, long lastOrderId)
    {
        foreach (var venue in _distinct)
        {
            venue.JournalCovers(firstIncarnation, lastOrderId);
        }
    }

    public void Applied(in VenueReport report) => _byInstrument[report.InstrumentId].Applied(report);

    public void OnQuote(in Tick tick, IVenueListener listener) => _byInstrument[tick.InstrumentId].OnQuote(tick, listener);

    public void OnDurable()
    {
        foreach (var venue in _distinct)
        {
            venue.OnDurable();
        }
    }
}
