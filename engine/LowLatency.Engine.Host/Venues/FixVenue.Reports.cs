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
        // Reconciliation: ask for every order we think is working. Reports the venue sent while we were away come
        // back by the session's resend; a status answer fills in the rest. CumQty keeps both idempotent.
        foreach (var (_, intent) in _working)
        {
            var seq = session.Send(MsgTypes.OrderStatusRequest, StatusRequest(intent));
            Remember(seq, -intent.OrderId); // negative: a status request, whose reject says nothing about the order
        }

        while (_cancelsWhileDown.TryDequeue(out var cancel))
        {
            _outbound.Enqueue(cancel);
        }

        _wake.Release();
    }

    public void OnLogout(FixSession session, string reason) => LogDown(_logger, Name, reason);

    public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq)
    {
        if (msgType.SequenceEqual(MsgTypes.ExecutionReport))
        {
            OnExecutionReport(message, seq);
        }
        else if (msgType.SequenceEqual(MsgTypes.BusinessMessageReject))
        {
            var reject = BusinessMessageReject.Read(message);
            RejectedBySeq(reject.RefSeqNum, seq, System.Text.Encoding.ASCII.GetString(reject.Text));
        }
        else if (msgType.SequenceEqual(MsgTypes.OrderCancelReject))
        {
            var reject = OrderCancelReject.Read(message);
            LogCancelRejected(_logger, Name, System.Text.Encoding.ASCII.GetString(reject.OrigClOrdId), System.Text.Encoding.ASCII.GetString(reject.Text));
            Acknowledge(seq);
        }
        else
        {
            Acknowledge(seq); // nothing to apply
        }
    }

    public void OnSessionReject(FixSession session, long refSeq, string text) => RejectedBySeq(refSeq, 0, text);

    private void OnExecutionReport(in FixMessageView message, long seq)
    {
        if (!ExecutionReport.TryRead(message, out var report, out var error))
        {
            LogBadReport(_logger, Name, error!);
            Acknowledge(seq);
            return;
        }

        long orderId;
        if (!ClOrdId.TryParse(report.ClOrdId, _orderPrefix, out orderId)
            && !(ClOrdId.TryParse(report.ClOrdId, _cancelPrefix, out _) && ClOrdId.TryParse(report.OrigClOrdId, _orderPrefix, out orderId)))
        {
            LogForeign(_logger, Name, System.Text.Encoding.ASCII.GetString(report.ClOrdId));
            Acknowledge(seq);
            return;
        }

        var instrumentId = _working.TryGetValue(orderId, out var intent) ? intent.InstrumentId : InstrumentOf(report.Symbol);
        if (instrumentId < 0)
        {
            LogForeign(_logger, Name, System.Text.Encoding.ASCII.GetString(report.ClOrdId));
            Acknowledge(seq);
            return;
        }

        // The venue's numbers to the nearest lot and tick (exact for a venue that trades our increments).
        var instrument = _registry[instrumentId];
        var cumulative = (long)Math.Round(report.CumQty / instrument.LotSize, MidpointRounding.ToEven);
        var price = report.LastQty > 0 ? report.LastPx : report.AvgPx;
        var priceTicks = price > 0 ? (long)Math.Round(price / instrument.TickSize, MidpointRounding.ToEven) : 0;

        var outcome = report.OrdStatus switch
        {
            FixCodes.StatusFilled => VenueOutcome.Filled,
            FixCodes.StatusCanceled => VenueOutcome.Cancelled,
            FixCodes.StatusRejected => VenueOutcome.Rejected,
            FixCodes.StatusExpired or FixCodes.StatusDoneForDay => VenueOutcome.Expired,
            _ => VenueOutcome.Working,
        };
        if (outcome is not VenueOutcome.Working)
        {
            _working.TryRemove(orderId, out _);
        }

        if (intent.SentTicks != 0 && !report.PossDup)
        {
            PipelineLatency.Record(AckLatency, intent.SentTicks, Stopwatch.GetTimestamp());
            Interlocked.Increment(ref _acksMeasured);
            if (_working.TryGetValue(orderId, out var stillWorking))
            {
                stillWorking.SentTicks = 0; // one round trip per order
                _working[orderId] = stillWorking;
            }
        }

        Publish(new VenueReport
        {
            OrderId = orderId, InstrumentId = instrumentId, Outcome = outcome, CumulativeLots = cumulative, LastPriceTicks = priceTicks,
            TimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Token = seq,
        });
    }

    private void RejectedBySeq(long refSeq, long seq, string text)
    {
        if (TryForget(refSeq, out var orderId) && orderId > 0 && _working.TryRemove(orderId, out var intent))
        {
            LogRejected(_logger, Name, orderId, text);
            Publish(new VenueReport { OrderId = orderId, InstrumentId = intent.InstrumentId, Outcome = VenueOutcome.Rejected, CumulativeLots = 0, TimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Token = seq });
            return;
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
            Publish(new VenueReport { OrderId = 0, InstrumentId = _anyInstrument, TimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Token = seq });
        }
    }

    private int InstrumentOf(ReadOnlySpan<byte> symbol) =>
        _instrumentsBySymbol.TryGetValue(System.Text.Encoding.ASCII.GetString(symbol), out var id) ? id : -1;

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: session down ({Reason})")]
    private static partial void LogDown(ILogger logger, string venue, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: order {OrderId} rejected: {Text}")]
    private static partial void LogRejected(ILogger logger, string venue, long orderId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: cancel of {ClOrdId} rejected: {Text}")]
    private static partial void LogCancelRejected(ILogger logger, string venue, string clOrdId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: unreadable ExecutionReport: {Error}")]
    private static partial void LogBadReport(ILogger logger, string venue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: ExecutionReport for {ClOrdId}, not one of our orders; ignored")]
    private static partial void LogForeign(ILogger logger, string venue, string clOrdId);
}
