using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>What a session tells the code above it. Called on the session's receive thread, under its lock: be brief, never block.</summary>
public interface IFixApplication
{
    void OnLogon(FixSession session);

    /// <summary>The connection ended (logout, error, timeout, the counterparty gone); the session will reconnect unless stopped.</summary>
    void OnLogout(FixSession session, string reason);

    /// <summary>An application message in sequence (a resent one has PossDupFlag=Y: make its effect idempotent).</summary>
    void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq);

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
