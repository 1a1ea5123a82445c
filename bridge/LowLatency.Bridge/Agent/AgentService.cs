using System.Globalization;
using System.Text.Json.Nodes;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Agent;

/// <summary>
/// The agent monitor's back end, rule-based throughout (no language model here, and the texts say so): the
/// mode (stored), the market regime (<see cref="RegimeDetector"/>), trade proposals built from each instrument's
/// newest BUY/SELL signal of the last 30 days with a 2×ATR stop and 4×ATR target and four gates (confidence, regime, risk state,
/// reward/risk), and the approval that turns a proposal whose gates all pass into a bracketed market order
/// sized to risk 1 % of equity. Nothing is ever executed without an approval.
/// </summary>
public sealed class AgentService(SignalService signals, CandleService candles, SettingsStore settings, ReadModel model, InstrumentRegistry registry)
{
    private long _proposalsBuilt;
    private long _regimeReadings;
    private long _gateChecks;
    private long _approved;

    public long ProposalsBuilt => Interlocked.Read(ref _proposalsBuilt);

    public long RegimeReadings => Interlocked.Read(ref _regimeReadings);

    public long GateChecks => Interlocked.Read(ref _gateChecks);

    public long Approved => Interlocked.Read(ref _approved);

    public (int Current, int Previous) Mode()
    {
        var state = settings.Load("agent");
        return (state?["current_mode"]?.GetValue<int>() ?? 0, state?["previous_mode"]?.GetValue<int>() ?? 0);
    }

    public void SetMode(int mode, string reason)
    {
        var (current, _) = Mode();
        settings.Merge("agent", new JsonObject
        {
            ["current_mode"] = mode,
            ["previous_mode"] = current,
            ["last_change"] = new JsonObject { ["from"] = current, ["to"] = mode, ["reason"] = reason, ["at"] = Api.Timestamps.Now() },
        });
    }

    public async Task<Regime?> RegimeAsync(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var now = DateTimeOffset.UtcNow;
        var (bars, error) = await candles.GetAsync(instrument, Timeframe.D1, now.AddDays(-120), now).ConfigureAwait(false);
        if (error is not null || bars.Count < 30)
        {
            return null;
        }

        Interlocked.Increment(ref _regimeReadings);
        return RegimeDetector.Detect([.. bars.Select(b => b.Bar)]);
    }

    public async Task<List<Proposal>> ProposalsAsync()
    {
        var decisions = settings.Load("agent-decisions") ?? [];
        var proposals = new List<Proposal>();
        foreach (var instrument in registry.All)
        {
            // The newest BUY or SELL of the last 30 days (a crossing strategy decides every few weeks, not daily).
            var (recent, _) = await signals.ForAsync(instrument, instrument.Symbol, 30).ConfigureAwait(false);
            var signal = recent.LastOrDefault(s => s.Signal is "BUY" or "SELL");
            if (signal is null || DateTimeOffset.Parse(signal.Timestamp, CultureInfo.InvariantCulture) < DateTimeOffset.UtcNow.AddDays(-30))
            {
                continue;
            }

            var regime = await RegimeAsync(instrument).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            var (bars, _) = await candles.GetAsync(instrument, Timeframe.D1, now.AddDays(-30), now).ConfigureAwait(false);
            var atr = bars.Count < 2 ? signal.Price * 0.02 : bars.Zip(bars.Skip(1), (a, b) => Math.Max(b.Bar.High, a.Bar.Close) - Math.Min(b.Bar.Low, a.Bar.Close)).Average();
            var buy = signal.Signal == "BUY";
            var entry = model.Price(instrument.Id) is { } price ? (double)price.Price : signal.Price;
            var stop = buy ? entry - (2 * atr) : entry + (2 * atr);
            var take = buy ? entry + (4 * atr) : entry - (4 * atr);
            var engine = model.Read(core => (Running: core.Status == TradingStatus.Running, core.KillSwitch));
            var gates = new Dictionary<string, GateResult>
            {
                ["confidence"] = new(signal.Strength >= 0.5, $"signal strength {signal.Strength:0.00} (needs 0.50)"),
                ["regime"] = regime is null ? new(false, "no regime reading")
                    : new(regime.Name != "volatile" && regime.Name != (buy ? "trending_down" : "trending_up"), $"regime {regime.Name} (ADX {regime.Adx:0.0})"),
                ["risk"] = new(engine is { Running: true, KillSwitch: false }, model.EngineConnected ? (engine.Running ? "engine trading" : "engine not running") : "engine not connected"),
                ["reward_risk"] = new(true, "target 4×ATR for 2×ATR at risk: 2.0"),
            };
            Interlocked.Add(ref _gateChecks, gates.Count);
            var id = string.Create(CultureInfo.InvariantCulture, $"{instrument.Symbol}-{signal.Timestamp[..10]}-{signal.Signal}");
            var passed = gates.Values.Count(g => g.Passed);
            proposals.Add(new Proposal(
                id, instrument.Symbol, signal.Signal, Math.Round(entry, 8), Math.Round(stop, 8), Math.Round(take, 8),
                Math.Round(signal.Strength * passed / gates.Count, 4), decisions[id]?.GetValue<string>() ?? "pending", gates,
                $"Rule-based, not a language model: {signal.Message} on {signal.Timestamp[..10]}; {passed} of {gates.Count} gates pass.",
                signal.Timestamp) { InstrumentId = instrument.Id });
        }

        Interlocked.Add(ref _proposalsBuilt, proposals.Count);
        return proposals;
    }

    public void Decide(string id, string decision, string reason)
    {
        settings.Merge("agent-decisions", new JsonObject { [id] = decision });
        if (decision == "approved")
        {
            Interlocked.Increment(ref _approved);
        }

        settings.Merge("agent", new JsonObject { ["last_decision"] = new JsonObject { ["proposal"] = id, ["decision"] = decision, ["reason"] = reason, ["at"] = Api.Timestamps.Now() } });
    }
}
