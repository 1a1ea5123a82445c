namespace LowLatency.Binance;

/// <summary>
/// What a REST request came to: the HTTP status and body, Binance's error <c>code</c>/<c>msg</c> when it sent one,
/// or, when the request was never sent (throttled, banned, no keys), <see cref="NotSent"/> saying why. A status of 0
/// with <see cref="Unknown"/> set means the request may or may not have reached the exchange (a timeout, a lost
/// connection): its outcome must be looked up, never assumed.
/// </summary>
public sealed record BinanceAnswer(int Status, string Body, int Code, string? Message)
{
    public string? NotSent { get; init; }

    public string? Unknown { get; init; }

    public bool Ok => Status is >= 200 and < 300;

    public static BinanceAnswer Refused(string why) => new(0, "", 0, null) { NotSent = why };

    public static BinanceAnswer Lost(string why) => new(0, "", 0, null) { Unknown = why };

    public override string ToString() =>
        NotSent is not null ? $"not sent: {NotSent}"
        : Unknown is not null ? $"outcome unknown: {Unknown}"
        : Code != 0 ? $"HTTP {Status}, Binance {Code}: {Message}"
        : $"HTTP {Status}";
}
