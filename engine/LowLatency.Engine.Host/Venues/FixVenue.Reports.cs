using System.Diagnostics;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Pipeline;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>The session's side: execution reports and rejects become <see cref="VenueReport"/>s; each logon reconciles.</summary>
public sealed partial class FixVenue
{
    public void OnLogon(FixSession session)
    {
        // Reconciliation: ask for every order we think is working, and in FIX 4.4 for every order the venue holds
        // open (one it has that we do not work is cancelled there; one the journal never accepted halts trading).
        // Reports the venue sent while we were away come back by the session's resend; the status answers fill in
        // the rest. CumQty keeps both idempotent. Then each order's waiting cancel or replace (the session was
        // down, or a restart came between) goes out; new orders wait until every answer is applied.
        VenueOrder[] working;
        lock (_orders)
        {
            working = [.. _orders.Values];
            _orphansThisLogon.Clear();
        }

        var forgotten = ForgottenOrders();
        var massStatusId = session.Options.BeginString == "FIX.4.4"
            ? "MS-" + NowMs.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : null;
        _reconciliation.Begin(working.Length + forgotten.Length, massStatusId); // before the requests: their answers count
        foreach (var order in working)
        {
            if (session.Send(MsgTypes.OrderStatusRequest, StatusRequest(order)) == 0)
            {
                _reconciliation.StatusAnswered(); // not sent: nothing to wait for
            }

            PumpLater(order.OrderId);
        }

        foreach (var (key, sent) in forgotten)
        {
            if (session.Send(MsgTypes.OrderStatusRequest, StatusRequest(key, sent)) == 0)
            {
                _reconciliation.StatusAnswered();
            }

            var instrumentId = InstrumentOf(sent.Symbol);
            if (instrumentId >= 0)
            {
                // Cancelled at once, not only asked about: a venue without status requests must not keep it working.
                CancelOrphan(key.OrderId, key.Incarnation, sent.Version, instrumentId, sent.Side, sent.Quantity);
            }
        }

        if (massStatusId is not null)
        {
            if (session.Send(MsgTypes.OrderMassStatusRequest, new OrderMassStatusRequest(massStatusId)) == 0)
            {
                _reconciliation.MassStatusAnswered(default, last: true);
            }
        }

        _marketData?.OnLogon(session);
    }

    public void OnLogout(FixSession session, string reason)
    {
        LogDown(_logger, Name, reason);
        _marketData?.OnLogout(session, reason);
    }

    public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token)
    {
        if (msgType.SequenceEqual(MsgTypes.ExecutionReport))
        {
            OnExecutionReport(message, token);
        }
        else if (msgType.SequenceEqual(MsgTypes.BusinessMessageReject))
        {
            var reject = BusinessMessageReject.Read(message);
            RejectedBySeq(reject.RefSeqNum, token, System.Text.Encoding.ASCII.GetString(reject.Text));
        }
        else if (msgType.SequenceEqual(MsgTypes.OrderCancelReject))
        {
            OnCancelReject(OrderCancelReject.Read(message), token);
        }
        else
        {
            _marketData?.FromApp(session, message, msgType, seq, token); // market data on the trading session: the feed's, never journalled
            Acknowledge(token); // nothing to apply
        }
    }

    public void OnSessionReject(FixSession session, long refSeq, string text)
    {
        RejectedBySeq(refSeq, 0, text);
        _marketData?.OnSessionReject(session, refSeq, text);
    }

    public void OnSequenceReset(FixSession session, long skippedFrom, long next) => _marketData?.OnSequenceReset(session, skippedFrom, next);

    private void OnExecutionReport(in FixMessageView message, long seq)
    {
        if (!ExecutionReport.TryRead(message, out var report, out var error))
        {
            LogBadReport(_logger, Name, error!);
            Acknowledge(seq);
            return;
        }

        OnExecutionReport(report, seq);
        if (report.MassStatusReqId.Length > 0)
        {
            _reconciliation.MassStatusAnswered(report.MassStatusReqId, report.LastRptRequested); // after the report entered the ring
        }
        else if (report.IsStatus)
        {
            _reconciliation.StatusAnswered();
        }
    }

    private void OnExecutionReport(in ExecutionReport report, long seq)
    {
        if (!TryOrderOf(report.ClOrdId, report.OrigClOrdId, out var incarnation, out var orderId, out var version))
        {
            if (report.MassStatusReqId.IsEmpty)
            {
                LogForeign(_logger, Name, System.Text.Encoding.ASCII.GetString(report.ClOrdId)); // a mass status line of no order of ours ("none open") is normal
            }

            Acknowledge(seq);
            return;
        }

        VenueOrder? order;
        lock (_orders)
        {
            _orders.TryGetValue(orderId, out order);
        }

        order = order?.Incarnation == incarnation ? order : null; // the same id of another incarnation is not our order
        var instrumentId = order?.InstrumentId ?? InstrumentOf(report.Symbol);
        if (instrumentId < 0)
        {
            LogForeign(_logger, Name, System.Text.Encoding.ASCII.GetString(report.ClOrdId));
            Acknowledge(seq);
            return;
        }

        // The venue's numbers to the nearest lot and tick (exact for a venue that trades our increments).
        var instrument = _registry[instrumentId];
        var cumulative = Lots(report.CumQty, instrument);
        var venueLots = Lots(report.OrderQty, instrument);
        var price = report.LastQty > 0 ? report.LastPx : report.AvgPx;
        var priceTicks = price > 0 ? instrument.NearestTicks(price) : 0;
        var outcome = report.OrdStatus switch
        {
            FixCodes.StatusFilled => VenueOutcome.Filled,
            FixCodes.StatusCanceled => VenueOutcome.Cancelled,
            FixCodes.StatusRejected => VenueOutcome.Rejected,
            FixCodes.StatusExpired or FixCodes.StatusDoneForDay => VenueOutcome.Expired,
            _ => report.ExecType == FixCodes.ExecReplaced ? VenueOutcome.Replaced : VenueOutcome.Working,
        };

        var pump = false;
        if (order is not null)
        {
            lock (_orders)
            {
                pump = Update(order, report, version, cumulative, venueLots, outcome);
            }
        }

        if (pump)
        {
            PumpLater(orderId);
        }

        if (order is null && report.IsStatus && outcome is VenueOutcome.Working or VenueOutcome.Replaced)
        {
            CancelOrphan(orderId, incarnation, version, instrumentId, report.Side, report.OrderQty);
        }

        if (order is null && report.IsStatus)
        {
            ForgottenAnswered(incarnation, orderId, outcome);
        }

        Publish(new VenueReport
        {
            OrderId = orderId, Incarnation = incarnation, InstrumentId = instrumentId, Outcome = outcome, CumulativeLots = cumulative, LastPriceTicks = priceTicks,
            VenueQuantityLots = venueLots, TimeMs = NowMs, Token = seq,
        });
    }

    /// <summary>What a report tells of the order at the venue; true when a replace in flight was answered, so what waits may go.</summary>
    private bool Update(VenueOrder order, in ExecutionReport report, int version, long cumulative, long venueLots, VenueOutcome outcome)
    {
        order.CumulativeLots = Math.Max(order.CumulativeLots, cumulative);
        if (order.SentTicks != 0 && !report.PossDup)
        {
            PipelineLatency.Record(AckLatency, order.SentTicks, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _acksMeasured);
            order.SentTicks = 0; // one round trip per order
        }

        if (outcome is VenueOutcome.Filled or VenueOutcome.Cancelled or VenueOutcome.Rejected or VenueOutcome.Expired)
        {
            _orders.Remove(order.OrderId);
            return false;
        }

        var answered = false;
        if (report.ExecType == FixCodes.ExecReplaced || report.IsStatus)
        {
            // A replace accepted (a late resend of an older one changes nothing), or the venue's own word on which
            // ClOrdID is current (after a restart we only guessed).
            answered = order.PendingVersion != 0 && version >= order.PendingVersion;
            order.Version = report.IsStatus ? version : Math.Max(order.Version, version);
            order.NextVersion = Math.Max(order.NextVersion, order.Version + 1); // never a version the venue has seen
            order.VenueLots = venueLots > 0 ? venueLots : order.VenueLots;
            order.PendingVersion = answered ? 0 : order.PendingVersion;
        }

        return answered;
    }

    /// <summary>An order the venue holds open that the engine does not work here (the journal finished it, or never had it): cancelled at the venue.</summary>
    private void CancelOrphan(long orderId, int incarnation, int version, int instrumentId, byte side, decimal quantity)
    {
        lock (_orders)
        {
            if (!_orphansThisLogon.Add((incarnation, orderId)))
            {
                return; // cancelled already at this logon (a forgotten order the mass status finds too)
            }
        }

        LogOrphan(_logger, Name, new ClOrdId(_orderPrefix, orderId, version, incarnation).ToString());
        Interlocked.Increment(ref _orphansCancelled);
        var cancelVersion = Interlocked.Increment(ref _orphanCancels); // a new ClOrdID at each logon that finds the order again
        Session.Send(MsgTypes.OrderCancelRequest, CancelMessage(orderId, incarnation, version, cancelVersion, instrumentId, side, quantity));
    }

    /// <summary>Our order a ClOrdID names (a replace's version with it), or the one a cancel's OrigClOrdID names.</summary>
    private bool TryOrderOf(ReadOnlySpan<byte> clOrdId, ReadOnlySpan<byte> origClOrdId, out int incarnation, out long orderId, out int version)
    {
        if (ClOrdId.TryParse(clOrdId, _orderPrefix, out incarnation, out orderId, out version))
        {
            return true;
        }

        return ClOrdId.TryParse(clOrdId, _cancelPrefix, out _, out _) && ClOrdId.TryParse(origClOrdId, _orderPrefix, out incarnation, out orderId, out version);
    }

    private static long Lots(decimal quantity, MarketData.Instrument instrument) => instrument.NearestLots(quantity);

    /// <summary>A session Reject or BusinessMessageReject of one of our messages: a refused order ends rejected, a refused replace like an OrderCancelReject.</summary>
    private void RejectedBySeq(long refSeq, long seq, string text)
    {
        if (TryFindSent(refSeq, out var orderId, out var request))
        {
            if (request == VenueRequest.Status)
            {
                Acknowledge(seq);
                LogStatusRefused(_logger, Name, orderId, text);
                if (orderId == 0)
                {
                    _reconciliation.MassStatusAnswered(default, last: true); // the venue does not answer mass status: the per-order answers must do
                }
                else
                {
                    _reconciliation.StatusAnswered();
                }

                return;
            }

            if (request == VenueRequest.Replace)
            {
                ReplaceRefused(orderId, stillWorking: true, seq, text);
                return;
            }

            VenueOrder? order = null;
            if (request == VenueRequest.New)
            {
                lock (_orders)
                {
                    _orders.Remove(orderId, out order);
                }
            }

            if (order is not null)
            {
                LogRejected(_logger, Name, orderId, text);
                Publish(new VenueReport { OrderId = orderId, Incarnation = order.Incarnation, InstrumentId = order.InstrumentId, Outcome = VenueOutcome.Rejected, CumulativeLots = 0, TimeMs = NowMs, Token = seq });
                return;
            }
        }

        if (seq > 0)
        {
            Acknowledge(seq);
        }
    }

    /// <summary>
    /// A message that changes nothing still passes through the ring, so the venue confirms sequence numbers in
    /// order: confirming it directly could pass a report still on its way to the journal.
    /// </summary>
    private void Acknowledge(long seq)
    {
        if (_anyInstrument >= 0)
        {
            Publish(new VenueReport { OrderId = 0, InstrumentId = _anyInstrument, TimeMs = NowMs, Token = seq });
        }
    }

    private int InstrumentOf(ReadOnlySpan<byte> symbol) =>
        _instrumentsBySymbol.TryGetValue(System.Text.Encoding.ASCII.GetString(symbol), out var id) ? id : -1;

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: session down ({Reason})")]
    private static partial void LogDown(ILogger logger, string venue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: status request for order {OrderId} (0: mass status) refused: {Text}")]
    private static partial void LogStatusRefused(ILogger logger, string venue, long orderId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: order {OrderId} rejected: {Text}")]
    private static partial void LogRejected(ILogger logger, string venue, long orderId, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "FIX venue {Venue}: the venue holds order {ClOrdId} open, which the journal does not work (finished, or another incarnation's); cancelling it there")]
    private static partial void LogOrphan(ILogger logger, string venue, string clOrdId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: unreadable ExecutionReport: {Error}")]
    private static partial void LogBadReport(ILogger logger, string venue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: ExecutionReport for {ClOrdId}, not one of our orders; ignored")]
    private static partial void LogForeign(ILogger logger, string venue, string clOrdId);
}
