using System.Text.Json.Serialization;

namespace LowLatency.Analytics.Patterns;

/// <summary>The candlestick patterns recognised; wire names snake case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CandlestickPattern>))]
public enum CandlestickPattern
{
    [JsonStringEnumMemberName("bullish_engulfing")]
    BullishEngulfing,

    [JsonStringEnumMemberName("bearish_engulfing")]
    BearishEngulfing,

    [JsonStringEnumMemberName("hammer")]
    Hammer,

    [JsonStringEnumMemberName("shooting_star")]
    ShootingStar,

    [JsonStringEnumMemberName("doji")]
    Doji,

    [JsonStringEnumMemberName("morning_star")]
    MorningStar,

    [JsonStringEnumMemberName("evening_star")]
    EveningStar,
}
