using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>
/// What a session tells the code above it, in the order it happened, one call at a time, after the session has
/// let go of its lock (usually on its receive thread): a call that waits holds up later calls, not the session.
/// <see cref="ShouldResend"/> alone is asked under the lock, while a resend is being answered: decide, never wait.
/// </summary>
public interface IFixApplication
{
    void OnLogon(FixSession session);

    /// <summary>The connection ended (logout, error, timeout, the counterparty gone); the session will reconnect unless stopped.</summary>
    void OnLogout(FixSession session, string reason);

    /// <summary>
    /// An application message in sequence (a resent one has PossDupFlag=Y: make its effect idempotent).
    /// <paramref name="token"/> is what <see cref="FixSession.MarkProcessed"/> takes once its effect is durable (of the numbering it came in).
    /// </summary>
    void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token);

    /// <summary>The counterparty rejected our message <paramref name="refSeq"/> at the session level (a Reject, MsgType 3).</summary>
    void OnSessionReject(FixSession session, long refSeq, string text);

    /// <summary>A SequenceReset in reset mode skipped incoming numbers: messages between were never delivered (market data must be requested again).</summary>
    void OnSequenceReset(FixSession session, long skippedFrom, long next)
    {
    }

    /// <summary>
    /// Answering a ResendRequest: whether our application message <paramref name="seq"/> goes again (PossDupFlag=Y)
    /// or is gap-filled, so the counterparty never acts on it (an order too old to be wanted now). Default: resend.
    /// </summary>
    bool ShouldResend(FixSession session, in FixMessageView message, long seq) => true;
}
