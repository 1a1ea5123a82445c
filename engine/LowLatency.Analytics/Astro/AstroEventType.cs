using System.Text.Json.Serialization;

namespace LowLatency.Analytics.Astro;

/// <summary>The kinds of event the search finds; the wire names are snake case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AstroEventType>))]
public enum AstroEventType
{
    [JsonStringEnumMemberName("new_moon")]
    NewMoon,

    [JsonStringEnumMemberName("first_quarter")]
    FirstQuarter,

    [JsonStringEnumMemberName("full_moon")]
    FullMoon,

    [JsonStringEnumMemberName("last_quarter")]
    LastQuarter,

    /// <summary>A body enters a sign (the Sun's entries into Aries, Cancer, Libra and Capricorn are the equinoxes and solstices).</summary>
    [JsonStringEnumMemberName("ingress")]
    Ingress,

    /// <summary>A planet stands still and turns retrograde.</summary>
    [JsonStringEnumMemberName("station_retrograde")]
    StationRetrograde,

    /// <summary>A planet stands still and turns direct.</summary>
    [JsonStringEnumMemberName("station_direct")]
    StationDirect,
}
