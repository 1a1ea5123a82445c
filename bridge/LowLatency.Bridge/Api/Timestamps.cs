using System.Globalization;

namespace LowLatency.Bridge.Api;

/// <summary>ISO 8601 UTC with <c>Z</c> and milliseconds (Part A item 4).</summary>
public static class Timestamps
{
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Iso(long unixMs) => Iso(DateTimeOffset.FromUnixTimeMilliseconds(unixMs));

    public static string Now() => Iso(DateTimeOffset.UtcNow);
}
