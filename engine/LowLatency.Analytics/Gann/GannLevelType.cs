using System.Text.Json.Serialization;

namespace LowLatency.Analytics.Gann;

/// <summary>The frontend's level types; the wire names are the lower-case member names.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GannLevelType>))]
public enum GannLevelType
{
    [JsonStringEnumMemberName("support")]
    Support,

    [JsonStringEnumMemberName("resistance")]
    Resistance,

    [JsonStringEnumMemberName("major")]
    Major,

    [JsonStringEnumMemberName("minor")]
    Minor,
}
