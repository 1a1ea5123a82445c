using System.Text.Json;

namespace LowLatency.Analytics.Astro;

/// <summary>
/// The aspects looked for, with their orbs. The default is the original engine's <c>astro_config.yaml</c>
/// (major: conjunction 0°/8, opposition 180°/8, square 90°/7, trine 120°/7, sextile 60°/6; minor: semisquare
/// 45°/2, sesquiquadrate 135°/2, quincunx 150°/3, semisextile 30°/2, quintile 72°/2, biquintile 144°/2). Influence:
/// soft aspects bullish, hard ones bearish, conjunction and opposition volatile (the original's aspect table),
/// the quincunx neutral. A JSON file <c>{"aspects":[{name, angle, orb, strength, influence, major}]}</c> replaces it.
/// </summary>
public sealed class AspectTable
{
    public static readonly AspectTable Default = new(
    [
        new("Conjunction", 0, 8, 1.0, "volatile", true),
        new("Opposition", 180, 8, 0.95, "volatile", true),
        new("Square", 90, 7, 0.85, "bearish", true),
        new("Trine", 120, 7, 0.80, "bullish", true),
        new("Sextile", 60, 6, 0.65, "bullish", true),
        new("Semisquare", 45, 2, 0.4, "bearish", false),
        new("Sesquiquadrate", 135, 2, 0.4, "bearish", false),
        new("Quincunx", 150, 3, 0.4, "neutral", false),
        new("Semisextile", 30, 2, 0.3, "bullish", false),
        new("Quintile", 72, 2, 0.3, "bullish", false),
        new("Biquintile", 144, 2, 0.3, "bullish", false),
    ]);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public AspectTable(IReadOnlyList<AspectDefinition> aspects)
    {
        foreach (var a in aspects)
        {
            if (string.IsNullOrWhiteSpace(a.Name) || !(a.Angle is >= 0 and <= 180) || !(a.Orb is > 0 and <= 15) || !(a.Strength is >= 0 and <= 1))
            {
                throw new ArgumentException($"aspect '{a.Name}': angle must be 0–180, orb above 0 and at most 15, strength 0–1");
            }
        }

        Aspects = aspects;
    }

    public IReadOnlyList<AspectDefinition> Aspects { get; }

    /// <summary>The table in <paramref name="path"/>, or the default where the file does not exist.</summary>
    public static AspectTable Load(string path)
    {
        if (!File.Exists(path))
        {
            return Default;
        }

        var file = JsonSerializer.Deserialize<AspectFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty aspect table");
        return new AspectTable(file.Aspects ?? throw new InvalidDataException($"{path}: no \"aspects\" array"));
    }

    private sealed record AspectFile(List<AspectDefinition>? Aspects);
}
