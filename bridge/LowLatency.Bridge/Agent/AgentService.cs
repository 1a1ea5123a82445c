using System.Globalization;
using System.Text.Json.Nodes;
using LowLatency.Analytics.Indicators;
using LowLatency.Analytics.Patterns;
using LowLatency.Analytics.Trading;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Agent;

/// <summary>
/// The agent monitor's back end, rule-based throughout (no language model here, and the texts say so): the
/// mode (stored), the market regime (<see cref="RegimeDetector"/>), trade proposals built from each instrument's
/// newest BUY/SELL signal of the last 30 days with a stop 2 and a target 4 Wilder ATRs from the signal's price
/// (<see cref="TradePlan.FromSignal"/>) and four gates (confidence, regime, risk state, reward/risk from the price
/// now), and the approval that turns a proposal whose gates all pass into a bracketed market order
/// sized to risk 1 % of equity. Nothing is ever executed without an approval.
/// </summary>
public sealed class AgentService(SignalService signals, CandleService candles, SettingsStore settings, ReadModel model, InstrumentRegistry registry)
{
    private const int AtrPeriod = 14;

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
            var atr = AverageTrueRange.Last(AnalysisHistory.Bars(bars), AtrPeriod);
            atr = double.IsFinite(atr) && atr > 0 ? atr : signal.Price * 0.02; // too little history for Wilder's ATR
            var buy = signal.Signal == "BUY";
            var entry = model.Price(instrument.Id) is { } price ? price.Price : (decimal)signal.Price;
            var plan = TradePlan.FromSignal(buy, (decimal)signal.Price, entry, (decimal)atr);
            var engine = model.Read(core => (Running: core.Status == TradingStatus.Running, core.KillSwitch));
            var gates = new Dictionary<string, GateResult>
            {
                ["confidence"] = new(signal.Strength >= 0.5, $"signal strength {signal.Strength:0.00} (needs 0.50)"),
                ["regime"] = regime is null ? new(false, "no regime reading")
                    : new(regime.Name != "volatile" && regime.Name != (buy ? "trending_down" : "trending_up"), $"regime {regime.Name} (ADX {regime.Adx:0.0})"),
                ["risk"] = new(engine is { Running: true, KillSwitch: false }, model.EngineConnected ? (engine.Running ? "engine trading" : "engine not running") : "engine not connected"),
                ["reward_risk"] = RewardRiskGate(plan),
            };
            Interlocked.Add(ref _gateChecks, gates.Count);
            var id = string.Create(CultureInfo.InvariantCulture, $"{instrument.Symbol}-{signal.Timestamp[..10]}-{signal.Signal}");
            var passed = gates.Values.Count(g => g.Passed);
            proposals.Add(new Proposal(
                id, instrument.Symbol, signal.Signal, (double)decimal.Round(plan.Entry, 8), (double)decimal.Round(plan.Stop, 8), (double)decimal.Round(plan.Target, 8),
                Math.Round(signal.Strength * passed / gates.Count, 4), decisions[id]?.GetValue<string>() ?? "pending", gates,
                $"Rule-based, not a language model: {signal.Message} on {signal.Timestamp[..10]}; {passed} of {gates.Count} gates pass.",
                signal.Timestamp) { InstrumentId = instrument.Id });
        }

        Interlocked.Add(ref _proposalsBuilt, proposals.Count);
        return proposals;
    }

    /// <summary>
    /// The plan's reward over its risk from the price now, its stop and target set from the signal's price: a
    /// price that ran toward the target since the signal (or past its stop) fails it.
    /// </summary>
    internal static GateResult RewardRiskGate(TradePlan plan) => plan.Problem is { } problem
        ? new(false, $"no plan from here: {problem}")
        : new(plan.MeetsMinimum, string.Create(CultureInfo.InvariantCulture, $"reward {plan.RewardPerUnit:0.########} for {plan.RiskPerUnit:0.########} at risk: {plan.Ratio:0.00} (needs {TradePlan.MinimumRewardRisk:0.0})"));

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
