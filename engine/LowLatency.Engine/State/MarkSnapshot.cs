namespace LowLatency.Engine.State;

/// <summary>The last quote of an instrument in a <see cref="StateSnapshot"/>.</summary>
public sealed record MarkSnapshot
{
    public string Symbol { get; init; } = "";

    public long BidTicks { get; init; }

    public long AskTicks { get; init; }

    public long TimeMs { get; init; }
}
