using LowLatency.Bridge.Analytics;

namespace LowLatency.Bridge.Api;

/// <summary>
/// What an analysis ran on, in response headers (<c>X-Data-Source</c>, <c>X-Data-From</c>, <c>X-Data-To</c>,
/// <c>X-Data-Bars</c>): the routes whose bodies the frontend reads as plain arrays say it here, the others in their body too.
/// </summary>
public static class DataHeaders
{
    public static void Apply(HttpResponse response, CandleSet data)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(data);
        var h = response.Headers;
        h["X-Data-Source"] = data.Source;
        h["X-Data-Bars"] = data.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (data.Count > 0)
        {
            h["X-Data-From"] = Timestamps.Iso(data[0].Bar.OpenTimeMs);
            h["X-Data-To"] = Timestamps.Iso(data[^1].Bar.OpenTimeMs);
        }
    }
}
