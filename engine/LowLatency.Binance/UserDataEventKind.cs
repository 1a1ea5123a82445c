namespace LowLatency.Binance;

/// <summary>What a user data stream message is.</summary>
public enum UserDataEventKind
{
    Other,
    Order,
    ListenKeyExpired,
}
