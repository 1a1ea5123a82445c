using System.Text.Json;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

public sealed class JournalReplayTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-journal-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static TradingCore NewCore() =>
        new(Shipped.Registry, new AccountOptions(), new RiskLimits { MaxOrdersPerSecond = 1000 }, new PaperExchangeOptions { LatencyMs = 1, LatencyJitterMs = 3, MaxSlippageTicks = 2, LiquidityMultiplier = 2, Seed = 3 });

    /// <summary>Random commands and quotes over three instruments; returns the live core's state JSON.</summary>
    private static string Drive(TradingCore core, int steps, int seed)
    {
        var random = new Random(seed);
        string[] symbols = ["BTC-USD", "ETH-USD", "USDJPY"];
        decimal[] mids = [60_000m, 3_000m, 150m];
        var now = TradingFixture.T0;
        core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, now);
        for (var step = 0; step < steps; step++)
        {
            now += random.Next(1, 40_000);
            var k = random.Next(symbols.Length);
            var instrument = TradingFixture.Instrument(symbols[k]);
            mids[k] *= 1 + ((decimal)random.NextDouble() - 0.5m) / 100;
            var mid = Math.Round(mids[k] / instrument.TickSize) * instrument.TickSize;
            core.OnTick(new Engine.MarketData.Tick
            {
                InstrumentId = instrument.Id, TimestampMs = now, BidTicks = (long)(mid / instrument.TickSize) - 2, AskTicks = (long)(mid / instrument.TickSize) + 2,
                LastTicks = (long)(mid / instrument.TickSize), SizeLots = random.Next(1, 500),
            });
            if (random.Next(3) == 0)
            {
                core.Execute(RandomCommand(random, instrument, mid, core), now);
            }

            core.Commit();
        }

        return JsonSerializer.Serialize(core.Capture(), TradingCore.SnapshotJson);
    }

    private static Command RandomCommand(Random random, Engine.MarketData.Instrument instrument, decimal mid, TradingCore core)
    {
        var ticks = (long)(mid / instrument.TickSize);
        var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
        var type = (OrderType)random.Next(4);
        var away = ticks / 200;
        var command = new Command
        {
            Type = CommandType.SubmitOrder, CorrelationId = random.NextInt64(1, long.MaxValue), InstrumentId = instrument.Id, Side = side, OrderType = type,
            TimeInForce = (TimeInForce)random.Next(4), QuantityLots = random.Next(1, 300),
            LimitTicks = type is OrderType.Limit or OrderType.StopLimit ? ticks + (side == Side.Buy ? -away : away) * random.Next(-1, 2) : 0,
            StopTicks = type is OrderType.Stop or OrderType.StopLimit ? ticks + (side == Side.Buy ? away : -away) : 0,
        };
        if (type == OrderType.Market && random.Next(2) == 0)
        {
            command.StopLossTicks = side == Side.Buy ? ticks - (3 * away) : ticks + (3 * away);
            command.TakeProfitTicks = side == Side.Buy ? ticks + (3 * away) : ticks - (3 * away);
        }

        return random.Next(12) switch
        {
            0 => new Command { Type = CommandType.CancelOrder, OrderId = core.Orders.LastOrderId - random.Next(0, 3) },
            1 => new Command { Type = CommandType.ClosePosition, InstrumentId = instrument.Id },
            2 => new Command { Type = CommandType.Pause },
            3 => new Command { Type = CommandType.Resume },
            4 => new Command { Type = CommandType.CancelAll },
            5 when random.Next(4) == 0 => new Command { Type = CommandType.EmergencyStop, Flatten = random.Next(2) == 0 },
            6 => new Command { Type = CommandType.Start },
            7 or 8 or 9 when core.IsHalted => new Command { Type = CommandType.ClearHalt },
            7 or 8 or 9 when core.Status == TradingStatus.Stopped => new Command { Type = CommandType.Start },
            _ => command,
        };
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Replaying_the_journal_reaches_exactly_the_same_state(int seed)
    {
        var live = NewCore();
        string expected;
        using (var store = new TradingStore(_directory, new JournalOptions { JournalTicks = true, SnapshotEveryRecords = 0 }))
        {
            store.Open(live);
            expected = Drive(live, 2_000, seed);
        }

        Assert.That(live.FillCount, Is.GreaterThan(50), "the run should trade");
        File.Delete(Directory.GetFiles(Path.Combine(_directory, "snapshots")).Single()); // replay from the journal alone

        var replayed = NewCore();
        var report = TradingStore.Replay(Path.Combine(_directory, "journal", "trading.journal"), replayed);
        Assert.That(report.Problem, Is.Null);
        Assert.That(JsonSerializer.Serialize(replayed.Capture(), TradingCore.SnapshotJson), Is.EqualTo(expected));
    }

    [Test]
    public void Without_journalled_ticks_the_state_of_record_still_replays_exactly()
    {
        var live = NewCore();
        using (var store = new TradingStore(_directory, new JournalOptions { SnapshotEveryRecords = 0 }))
        {
            store.Open(live);
            Drive(live, 1_500, 7);
        }

        var replayed = NewCore();
        TradingStore.Replay(Path.Combine(_directory, "journal", "trading.journal"), replayed);
        var (a, b) = (live.Capture(), replayed.Capture());
        Assert.That(b.LastSequence, Is.EqualTo(a.LastSequence));
        Assert.That(b.Balance, Is.EqualTo(a.Balance));
        Assert.That((b.TradingState, b.KillSwitch, b.LastOrderId, b.Fills, b.OrdersRejected), Is.EqualTo((a.TradingState, a.KillSwitch, a.LastOrderId, a.Fills, a.OrdersRejected)));
        Assert.That(JsonSerializer.Serialize(b.Positions.Select(p => p with { UnrealizedPnl = 0 })), Is.EqualTo(JsonSerializer.Serialize(a.Positions.Select(p => p with { UnrealizedPnl = 0 }))));
        Assert.That(JsonSerializer.Serialize(b.WorkingOrders), Is.EqualTo(JsonSerializer.Serialize(a.WorkingOrders)));
        Assert.That(JsonSerializer.Serialize(b.Today), Is.EqualTo(JsonSerializer.Serialize(a.Today)));
    }

    [Test]
    public void A_restart_restores_the_snapshot_and_replays_only_what_followed_it()
    {
        var live = NewCore();
        string expected;
        using (var store = new TradingStore(_directory, new JournalOptions { JournalTicks = true, SnapshotEveryRecords = 500 }))
        {
            store.Open(live);
            expected = Drive(live, 2_000, 11);
        }

        // Keep the older snapshot only, so the restart has journal records to replay after it.
        var snapshots = Directory.GetFiles(Path.Combine(_directory, "snapshots")).Order().ToArray();
        File.Delete(snapshots[^1]);
        var restarted = NewCore();
        using var again = new TradingStore(_directory, new JournalOptions { JournalTicks = true });
        var report = again.Open(restarted);
        Assert.That(report.Snapshot, Is.EqualTo(snapshots[0]));
        Assert.That(report.RecordsReplayed, Is.Positive);
        Assert.That(JsonSerializer.Serialize(restarted.Capture(), TradingCore.SnapshotJson), Is.EqualTo(expected));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(100)]
    public void A_torn_tail_is_reported_truncated_and_the_engine_still_starts(int cut)
    {
        var (live, journal) = JournalWithoutSnapshots(300, 5);
        var length = new FileInfo(journal).Length;
        using (var stream = new FileStream(journal, FileMode.Open))
        {
            stream.SetLength(length - cut);
        }

        var restarted = NewCore();
        using var again = new TradingStore(_directory);
        var report = again.Open(restarted);
        Assert.That(report.Problem, Does.Contain("torn"));
        Assert.That(report.BytesTruncated, Is.Positive);
        Assert.That(restarted.Sequence, Is.EqualTo(live.Sequence - 1), "everything but the torn last record");
        Assert.That(new FileInfo(journal).Length, Is.EqualTo(length - cut - report.BytesTruncated));
        Assert.That(new FileInfo(journal).Length, Is.EqualTo((8 + RecordCodec.Size) * (live.Sequence - 1)), "whole records only");
    }

    [Test]
    public void A_corrupt_record_stops_replay_there_and_is_cut_off()
    {
        var (_, journal) = JournalWithoutSnapshots(200, 9);
        var bytes = File.ReadAllBytes(journal);
        var recordSize = 8 + RecordCodec.Size;
        bytes[(recordSize * 5) + 20] ^= 0xFF; // inside the sixth record's payload
        File.WriteAllBytes(journal, bytes);
        var restarted = NewCore();
        using var again = new TradingStore(_directory);
        var report = again.Open(restarted);
        Assert.That(report.Problem, Does.Contain("CRC"));
        Assert.That(restarted.Sequence, Is.EqualTo(5));
        Assert.That(new FileInfo(journal).Length, Is.EqualTo(recordSize * 5));
    }

    /// <summary>A journal of a random run, with the shutdown snapshot removed so that a restart must replay it all.</summary>
    private (TradingCore Live, string Journal) JournalWithoutSnapshots(int steps, int seed)
    {
        var live = NewCore();
        using (var store = new TradingStore(_directory, new JournalOptions { SnapshotEveryRecords = 0 }))
        {
            store.Open(live);
            Drive(live, steps, seed);
        }

        foreach (var snapshot in Directory.GetFiles(Path.Combine(_directory, "snapshots")))
        {
            File.Delete(snapshot);
        }

        return (live, Path.Combine(_directory, "journal", "trading.journal"));
    }

    [Test]
    public void Records_round_trip_through_the_codec_and_garbage_is_refused()
    {
        var record = new TradingRecord
        {
            Type = RecordType.Fill, Sequence = 42, TimeMs = 123, OrderId = 7, InstrumentId = 3, Side = Side.Sell, QuantityLots = 9, PriceTicks = 1234,
            Amount = 1.2345678m, Rate = 1m / 150m, Flag = true, ReduceOnly = true, Reason = 4, Status = 2, StrategyIndex = -1,
        };
        var buffer = new byte[RecordCodec.Size];
        RecordCodec.Encode(record, buffer);
        Assert.That(RecordCodec.TryDecode(buffer, out var decoded, out _), Is.True);
        Assert.That(decoded, Is.EqualTo(record));
        Assert.That(RecordCodec.TryDecode(buffer.AsSpan(0, 10), out _, out var shortProblem), Is.False);
        Assert.That(shortProblem, Does.Contain("bytes"));
        buffer[0] = 99;
        Assert.That(RecordCodec.TryDecode(buffer, out _, out var versionProblem), Is.False);
        Assert.That(versionProblem, Does.Contain("version"));
    }
}
