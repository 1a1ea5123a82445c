using System.Text.Json.Serialization;

namespace LowLatency.Analytics.Optimisation;

/// <summary>How the parameter space is searched; wire names lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchMethod>))]
public enum SearchMethod
{
    /// <summary>Every point of a grid (points per dimension chosen to fit the budget).</summary>
    [JsonStringEnumMemberName("grid")]
    Grid,

    /// <summary>Uniform random points (seeded).</summary>
    [JsonStringEnumMemberName("random")]
    Random,

    /// <summary>A (μ/μ, λ) evolution strategy with success-rule step-size adaptation (seeded).</summary>
    [JsonStringEnumMemberName("evolution")]
    Evolution,
}
