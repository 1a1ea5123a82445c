using System.Text.Json;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

public sealed class SnapshotCommandTests
{
    [Test]
    public void A_snapshot_command_hands_over_the_state_and_changes_nothing()
    {
        var fixture = new TradingFixture();
        fixture.Quote("BTC-USD", 60_000m, 60_001m);
        fixture.Run(CommandType.Start);
        fixture.Submit("BTC-USD", Side.Buy, 0.5m);
        fixture.Quote("BTC-USD", 60_010m, 60_011m);
        var before = JsonSerializer.Serialize(fixture.Core.Capture());
        var records = fixture.Records.Count;

        var result = fixture.Execute(new Command { Type = CommandType.Snapshot, CorrelationId = 7 });

        Assert.That((result.CorrelationId, result.Reason), Is.EqualTo((7L, Risk.RejectReason.None)));
        Assert.That(fixture.Snapshots, Has.Count.EqualTo(1));
        Assert.That(JsonSerializer.Serialize(fixture.Snapshots[0] with { RecentlyFinished = null }), Is.EqualTo(before), "the state as it was");
        Assert.That(fixture.Snapshots[0].RecentlyFinished!.Select(o => (o.Status, o.FinishedSequence > 0)), Is.EqualTo(new[] { ("filled", true) }), "with the finished orders the core remembers, for a link that lost records");
        Assert.That(JsonSerializer.Serialize(fixture.Core.Capture()), Is.EqualTo(before), "and still is");
        Assert.That(fixture.Records, Has.Count.EqualTo(records), "no record: nothing journalled, nothing to replay");
    }
}
