using System.Text.Json.Serialization;

namespace LowLatency.Analytics.Alerts;

/// <summary>What an alert rule watches; wire names snake case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    /// <summary>The price crosses <c>level</c> (direction <c>above</c>, <c>below</c> or <c>either</c>).</summary>
    [JsonStringEnumMemberName("price_cross")]
    PriceCross,

    /// <summary>An indicator column at a bar close crosses <c>threshold</c> (<c>above</c>/<c>below</c>).</summary>
    [JsonStringEnumMemberName("indicator")]
    Indicator,

    /// <summary>The price comes within <c>tolerancePercent</c> of a Square-of-9 level around <c>level</c> (the centre).</summary>
    [JsonStringEnumMemberName("gann_touch")]
    GannTouch,

    /// <summary>An astronomical event (lunation, ingress, station) within <c>withinHours</c>.</summary>
    [JsonStringEnumMemberName("astro_event")]
    AstroEvent,

    /// <summary>The engine halts trading or rejects an order.</summary>
    [JsonStringEnumMemberName("risk_event")]
    RiskEvent,
}
