namespace LowLatency.Binance;

/// <summary>What a user data stream message is.</summary>
public enum UserDataEventKind
{
    Other,
    Order,
    ListenKeyExpired,

    /// <summary>The WebSocket API ended the subscription (<c>eventStreamTerminated</c>): subscribe again.</summary>
    StreamTerminated,
}
