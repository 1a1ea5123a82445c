using System.Text.Json;
using LowLatency.Bridge.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Tests.Analytics;

public sealed class WaveAnalysisTests
{
    [Test]
    public void A_constructed_zig_zag_gives_its_legs_with_directions_bars_and_changes()
    {
        // 100 → 200 in 20 bars, → 150 in 10, → 250 in 20: three legs; daily range 2.
        var closes = new List<double>();
        closes.AddRange(Enumerable.Range(0, 21).Select(i => 100.0 + (5 * i)));
        closes.AddRange(Enumerable.Range(1, 10).Select(i => 200.0 - (5 * i)));
        closes.AddRange(Enumerable.Range(1, 20).Select(i => 150.0 + (5 * i)));
        var bars = closes.Select((c, i) => new OhlcvBar { OpenTimeMs = 1_704_067_200_000 + (i * 86_400_000L), Open = c, High = c + 1, Low = c - 1, Close = c }).ToList();

        var result = JsonSerializer.SerializeToElement(WaveAnalysis.Analyze("X", bars));

        var waves = result.GetProperty("gannAnalysis").GetProperty("waves").EnumerateArray().ToList();
        Assert.That(waves.Select(w => w.GetProperty("direction").GetString()), Is.EqualTo(new[] { "up", "down", "up" }));
        Assert.That(waves.Select(w => w.GetProperty("bars").GetInt32()), Is.EqualTo(new[] { 20, 10, 20 }));
        Assert.That(waves[0].GetProperty("change_pct").GetDouble(), Is.EqualTo(101).Within(0.01), "100 (first close) to the 201 high");
        Assert.That(result.GetProperty("elliottAnalysis").GetProperty("trend").GetString(), Is.EqualTo("bullish"));
        Assert.That(result.GetProperty("elliottAnalysis").GetProperty("current_wave").GetInt32(), Is.EqualTo(3), "three legs up from the low");
    }
}
