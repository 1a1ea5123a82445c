using LowLatency.Engine.Execution;
using LowLatency.Fix.Messages;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>The venue's refusals of our cancels and replaces: retried, or handed to the engine, whose pending state they answer.</summary>
public sealed partial class FixVenue
{
    /// <summary>A cancel or replace refused.</summary>
    private void OnCancelReject(in OrderCancelReject reject, long seq)
    {
        var text = System.Text.Encoding.ASCII.GetString(reject.Text);
        if (!reject.ToReplace)
        {
            CancelRefused(reject, seq, text);
            return;
        }

        if (!TryOrderOf(reject.ClOrdId, default, out _, out var orderId, out _))
        {
            LogCancelRejected(_logger, Name, System.Text.Encoding.ASCII.GetString(reject.OrigClOrdId), text);
            Acknowledge(seq);
            return;
        }

        ReplaceRefused(orderId, FixCodes.IsWorking(reject.OrdStatus), seq, text);
    }

    /// <summary>
    /// A cancel refused. An order the venue still works is sent a new cancel after the policy's delay, under the
    /// next ClOrdID, until the retries run out; then the engine hears that the cancel failed (its pending cancel
    /// clears, the order works on). One the venue finished (too late, filled) needs nothing: its reports say how.
    /// </summary>
    private void CancelRefused(in OrderCancelReject reject, long seq, string text)
    {
        var clOrdId = System.Text.Encoding.ASCII.GetString(reject.ClOrdId);
        VenueOrder? order = null;
        var retry = false;
        if (ClOrdId.TryParse(reject.ClOrdId, _cancelPrefix, out var incarnation, out var orderId, out _))
        {
            lock (_orders)
            {
                if (_orders.TryGetValue(orderId, out order) && order.Incarnation == incarnation)
                {
                    order.CancelSent = false;
                    retry = order.CancelWanted && FixCodes.IsWorking(reject.OrdStatus) && order.CancelsSent <= _policy.CancelRetries;
                    order.CancelWanted = retry; // given up: nothing sends it again unless the engine asks anew
                }
            }
        }

        if (order is null || !FixCodes.IsWorking(reject.OrdStatus))
        {
            if (order is null && orderId > 0 && !FixCodes.IsWorking(reject.OrdStatus))
            {
                ForgottenAnswered(incarnation, orderId, VenueOutcome.Cancelled); // an orphan's cancel: done there, whatever became of it
            }

            Acknowledge(seq);
            LogCancelRejected(_logger, Name, clOrdId, text);
            return;
        }

        Interlocked.Increment(ref _cancelsRefused);
        if (!retry)
        {
            LogCancelGaveUp(_logger, Name, order.OrderId, order.CancelsSent, text);
            Publish(new VenueReport
            {
                OrderId = orderId, Incarnation = order.Incarnation, InstrumentId = order.InstrumentId, Outcome = VenueOutcome.CancelRejected, CumulativeLots = order.CumulativeLots,
                TimeMs = NowMs, Token = seq,
            });
            return;
        }

        Acknowledge(seq);

        LogCancelRetry(_logger, Name, clOrdId, text, order.CancelsSent, _policy.CancelRetries, _policy.CancelRetryDelayMs);
        _ = Task.Delay(_policy.CancelRetryDelayMs, _stop.Token).ContinueWith(_ => PumpLater(orderId), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>A replace refused: the engine hears it (and cancels an order the venue works at a quantity it no longer wants); the refused quantity is not asked again.</summary>
    private void ReplaceRefused(long orderId, bool stillWorking, long seq, string text)
    {
        VenueOrder? order;
        lock (_orders)
        {
            if (_orders.TryGetValue(orderId, out order))
            {
                order.PendingVersion = 0;
                order.WantedLots = order.VenueLots;
            }
        }

        if (order is null || !stillWorking)
        {
            Acknowledge(seq); // finished meanwhile: its reports say how
            return;
        }

        LogReplaceRefused(_logger, Name, orderId, text);
        Publish(new VenueReport
        {
            OrderId = orderId, Incarnation = order.Incarnation, InstrumentId = order.InstrumentId, Outcome = VenueOutcome.ReplaceRejected, CumulativeLots = order.CumulativeLots,
            VenueQuantityLots = order.VenueLots, TimeMs = NowMs, Token = seq,
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: cancel {ClOrdId} refused while the order works: {Text}; retry {Attempt} of {Retries} in {DelayMs} ms")]
    private static partial void LogCancelRetry(ILogger logger, string venue, string clOrdId, string text, int attempt, int retries, int delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "FIX venue {Venue}: order {OrderId} is still working at the venue after {Cancels} refused cancels ({Text}); it stays working in the engine, which may ask again")]
    private static partial void LogCancelGaveUp(ILogger logger, string venue, long orderId, int cancels, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: cancel of {ClOrdId} rejected: {Text}")]
    private static partial void LogCancelRejected(ILogger logger, string venue, string clOrdId, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX venue {Venue}: replace of order {OrderId} refused ({Text}); the engine cancels it")]
    private static partial void LogReplaceRefused(ILogger logger, string venue, long orderId, string text);
}
