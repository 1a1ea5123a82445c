namespace LowLatency.Analytics.Indicators.Ehlers;

/// <summary>The most recent event of one kind: its direction (<c>bullish</c>/<c>bearish</c>), the bar and how many bars ago; null fields when none occurred.</summary>
public sealed record EhlersSignal(string? Direction, int? Bar, long? TimeMs, int? BarsAgo)
{
    public static readonly EhlersSignal None = new(null, null, null, null);
}
