using LowLatency.Engine.MarketData;
using LowLatency.Fix.MarketData;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>The books: W and X applied entry by entry, the top of book and trades published; allocation-free while the prices are good.</summary>
public sealed partial class FixMarketDataFeed
{
    private void OnRefresh(FixSession session, in FixMessageView message, bool incremental)
    {
        message.TryGet(Tag.MdReqId, out var requestId);
        var ours = MarketDataSubscription.TryParseRequestId(requestId, out var requested, out var generation);
        var reader = new MdEntryReader(message, incremental);
        if (!incremental)
        {
            message.TryGet(Tag.Symbol, out var symbol);
            var index = symbol.IsEmpty ? requested : IndexOf(symbol);
            if (!IsCurrent(index, ours && requested == index, generation))
            {
                return;
            }

            var subscription = _subscriptions[index];
            subscription.Book.BeginSnapshot(message.TryGetLong(Tag.RptSeq, out var rptSeq) ? rptSeq : -1);
            while (reader.TryNext(out var entry))
            {
                Apply(session, subscription, entry);
            }

            Quote(subscription);
            return;
        }

        Array.Clear(_touched);
        while (reader.TryNext(out var entry))
        {
            var index = entry.Symbol.IsEmpty ? requested : IndexOf(entry.Symbol);
            if (IsCurrent(index, ours && requested == index, generation) && _subscriptions[index].Book.Valid)
            {
                _touched[index] |= Apply(session, _subscriptions[index], entry);
            }
        }

        for (var i = 0; i < _touched.Length; i++)
        {
            if (_touched[i] && _subscriptions[i].Book.Valid)
            {
                Quote(_subscriptions[i]);
            }
        }
    }

    /// <summary>Whether messages for subscription <paramref name="index"/> are read now: it is open, and the message is not for an ended request of it.</summary>
    private bool IsCurrent(int index, bool namesRequest, long generation) =>
        (uint)index < (uint)_subscriptions.Length && _subscriptions[index].Generation != 0 && (!namesRequest || _subscriptions[index].Generation == generation);

    /// <summary>One entry; true when the book changed.</summary>
    private bool Apply(FixSession session, MarketDataSubscription subscription, in MdEntry entry)
    {
        switch (subscription.Book.Apply(entry))
        {
            case BookOutcome.Applied:
                return true;
            case BookOutcome.Trade:
                Trade(subscription);
                return false;
            case BookOutcome.BadEntry:
                RefusedPrice(subscription, "an entry without a positive price and size (zero, negative or not a number)");
                return false;
            case BookOutcome.UnknownEntry or BookOutcome.Overflow or BookOutcome.Gap:
                Counters.Gap();
                LogRebuild(_logger, Name, subscription.Instrument.Symbol, "an update was lost (RptSeq skipped, or an entry the book does not hold)");
                Resubscribe(session, subscription);
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Publishes the top of book after each message that changed the book, also below the top: every update is
    /// news that the instrument's prices are current (staleness). A crossed or locked book is refused, never quoted.
    /// </summary>
    private void Quote(MarketDataSubscription subscription)
    {
        var book = subscription.Book;
        if (book.Bids.Count == 0 || book.Offers.Count == 0)
        {
            return; // one side empty: nothing to quote until it fills
        }

        var instrument = subscription.Instrument;
        var bid = instrument.NearestTicks(book.Bids.PriceAt(0));
        var ask = instrument.NearestTicks(book.Offers.PriceAt(0));
        if (bid <= 0 || bid >= ask)
        {
            RefusedPrice(subscription, bid <= 0 ? "a bid below one tick" : bid == ask ? "a locked book (bid equals offer)" : "a crossed book (bid above offer)");
            return;
        }

        var last = book.LastTradePrice > 0 ? instrument.NearestTicks(book.LastTradePrice) : bid + ((ask - bid) / 2);
        Publish(subscription, bid, ask, last, 0);
        (subscription.PublishedBid, subscription.PublishedAsk) = (bid, ask);
    }

    /// <summary>A trade: its price and size beside the last good quote (none yet: it waits for one).</summary>
    private void Trade(MarketDataSubscription subscription)
    {
        if (subscription.PublishedBid <= 0)
        {
            return;
        }

        var instrument = subscription.Instrument;
        var price = instrument.NearestTicks(subscription.Book.LastTradePrice);
        if (price <= 0)
        {
            RefusedPrice(subscription, "a trade below one tick");
            return;
        }

        Publish(subscription, subscription.PublishedBid, subscription.PublishedAsk, price, instrument.NearestLots(subscription.Book.LastTradeSize));
    }

    private void Publish(MarketDataSubscription subscription, long bid, long ask, long last, long lots)
    {
        var tick = new Tick
        {
            InstrumentId = subscription.Instrument.Id, TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            BidTicks = bid, AskTicks = ask, LastTicks = last, SizeLots = lots,
        };
        if (_publisher.Publish(tick, ref _stopping) && _refusing)
        {
            LogBurstEnded(_logger, Name, _refusedInBurst);
            (_refusing, _refusedInBurst) = (false, 0);
        }
    }

    private void RefusedPrice(MarketDataSubscription subscription, string why)
    {
        Counters.Refused();
        _refusedInBurst++;
        if (!_refusing)
        {
            _refusing = true;
            LogRefusedBurst(_logger, Name, subscription.Instrument.Symbol, why);
        }
    }

    private int IndexOf(ReadOnlySpan<byte> venueSymbol)
    {
        for (var i = 0; i < _subscriptions.Length; i++)
        {
            if (_subscriptions[i].VenueSymbol.AsSpan().SequenceEqual(venueSymbol))
            {
                return i;
            }
        }

        return -1;
    }
}
