using LowLatency.Analytics.Trading;
using LowLatency.Bridge.Agent;

namespace LowLatency.Bridge.Tests.Agent;

/// <summary>The agent's reward/risk gate: a real check of the plan from the price now, no longer a gate that always passes.</summary>
public sealed class RewardRiskGateTests
{
    [Test]
    public void A_proposal_entered_where_the_signal_fired_passes()
    {
        var gate = AgentService.RewardRiskGate(TradePlan.FromSignal(buy: true, signalPrice: 100, entry: 100, atr: 5));
        Assert.That(gate.Passed, Is.True);
        Assert.That(gate.Message, Does.Contain("2.00 (needs 1.5)"));
    }

    [Test]
    public void A_proposal_chasing_a_move_that_already_ran_fails()
    {
        var gate = AgentService.RewardRiskGate(TradePlan.FromSignal(buy: true, signalPrice: 100, entry: 112, atr: 5));
        Assert.That(gate.Passed, Is.False);
        Assert.That(gate.Message, Does.Contain("reward 8 for 22 at risk: 0.36"));
    }

    [Test]
    public void A_proposal_whose_price_is_past_its_stop_fails_with_why()
    {
        var gate = AgentService.RewardRiskGate(TradePlan.FromSignal(buy: false, signalPrice: 100, entry: 111, atr: 5));
        Assert.That(gate.Passed, Is.False);
        Assert.That(gate.Message, Does.StartWith("no plan from here").And.Contain("stop-loss above the entry"));
    }
}
