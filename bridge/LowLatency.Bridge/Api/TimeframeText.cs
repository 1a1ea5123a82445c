using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>Timeframe names as the frontend sends them: the engine's (1m … 1M) and its tab names (m1 … m45, 1mo).</summary>
public static class TimeframeText
{
    public static bool TryParse(string text, out Timeframe timeframe)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = text.Trim() switch
        {
            ['m', .. var minutes] when minutes.All(char.IsAsciiDigit) && minutes.Length > 0 => minutes + "m",
            "1mo" => "1M",
            var other => other,
        };
        return Timeframes.TryParse(name, out timeframe);
    }

    public static string Unknown(string text) => $"unknown timeframe '{text}' (use {string.Join(", ", Timeframes.All.Select(t => t.Name()))})";
}
