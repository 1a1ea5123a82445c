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

    internal static TradingCore NewCore() =>
        new(Shipped.Registry, new AccountOptions(), new RiskLimits { MaxOrdersPerSecond = 1000 }, new PaperExchangeOptions { LatencyMs = 1, LatencyJitterMs = 3, MaxSlippageTicks = 2, LiquidityMultiplier = 2, Seed = 3 });

    /// <summary>Random commands and quotes over three instruments; returns the live core's state JSON.</summary>
    internal static string Drive(TradingCore core, int steps, int seed)
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

    internal static Command RandomCommand(Random random, Engine.MarketData.Instrument instrument, decimal mid, TradingCore core)
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

    [Test]
    public void A_snapshot_with_a_changed_digit_is_skipped_with_a_warning_and_the_journal_rebuilds_the_state()
    {
        var live = NewCore();
        string expected;
        using (var store = new TradingStore(_directory, new JournalOptions { SnapshotEveryRecords = 0 }))
        {
            store.Open(live);
            Drive(live, 1_000, 4);
            expected = StateOfRecord(live);
        }

        var snapshot = Directory.GetFiles(Path.Combine(_directory, "snapshots")).Single();
        var text = File.ReadAllText(snapshot);
        var balance = System.Text.RegularExpressions.Regex.Match(text, "\"balance\": (\\d)");
        File.WriteAllText(snapshot, text[..balance.Groups[1].Index] + (balance.Groups[1].Value == "8" ? "9" : "8") + text[(balance.Groups[1].Index + 1)..]);
        var restarted = NewCore();
        using var again = new TradingStore(_directory);
        var report = again.Open(restarted);
        Assert.That(report.Snapshot, Is.Null);
        Assert.That(report.SkippedSnapshots.Single(), Does.Contain("checksum mismatch"));
        Assert.That(StateOfRecord(restarted), Is.EqualTo(expected), "the journal alone rebuilt the state of record");
    }

    /// <summary>The state without what only journalled ticks restore (marks, and the equity marked to them).</summary>
    private static string StateOfRecord(TradingCore core) =>
        JsonSerializer.Serialize(core.Capture() with { Equity = 0, UnrealizedPnl = 0, Marks = [], Positions = [.. core.Capture().Positions.Select(p => p with { UnrealizedPnl = 0 })] }, TradingCore.SnapshotJson);

    [Test]
    public void A_snapshot_the_journal_does_not_agree_with_refuses_the_start()
    {
        var (live, journal) = JournalWithoutSnapshots(300, 5);
        using (var store = new TradingStore(_directory))
        {
            store.Open(NewCore()); // a snapshot at the journal's end, written at shutdown
        }

        // The journal loses its last records (a disk that lied about fsync): the snapshot claims more than the journal has.
        using (var stream = new FileStream(journal, FileMode.Open))
        {
            stream.SetLength(stream.Length - (3 * (8 + RecordCodec.Size)));
        }

        using var again = new TradingStore(_directory);
        var error = Assert.Throws<Engine.Journal.JournalCorruptException>(() => again.Open(NewCore()));
        Assert.That(error!.Message, Does.Contain($"covers sequence {live.Sequence}").And.Contain($"journal ends at sequence {live.Sequence - 3}"));
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
    public void A_flipped_byte_in_the_middle_refuses_the_start_naming_file_offset_and_sequence_and_changes_nothing()
    {
        var (_, journal) = JournalWithoutSnapshots(200, 9);
        var bytes = File.ReadAllBytes(journal);
        var recordSize = 8 + RecordCodec.Size;
        bytes[(recordSize * 5) + 20] ^= 0xFF; // inside the sixth record's payload; valid records follow
        File.WriteAllBytes(journal, bytes);
        using var again = new TradingStore(_directory);
        var error = Assert.Throws<Engine.Journal.JournalCorruptException>(() => again.Open(NewCore()));
        Assert.That(error!.Message, Does.Contain(journal).And.Contain($"byte {recordSize * 5}").And.Contain("after sequence 5").And.Contain("truncate -s"));
        Assert.That((error.Offset, error.LastGoodSequence), Is.EqualTo((recordSize * 5L, 5L)));
        Assert.That(File.ReadAllBytes(journal), Is.EqualTo(bytes), "nothing on disk changed");
        Assert.Throws<Engine.Journal.JournalCorruptException>(() => TradingStore.Replay(journal, NewCore()), "the state command refuses too");
    }

    [Test]
    public void A_bad_last_record_is_a_torn_tail_and_is_cut_off()
    {
        var (live, journal) = JournalWithoutSnapshots(200, 9);
        var bytes = File.ReadAllBytes(journal);
        bytes[^30] ^= 0xFF; // inside the last record
        File.WriteAllBytes(journal, bytes);
        var restarted = NewCore();
        using var again = new TradingStore(_directory);
        var report = again.Open(restarted);
        Assert.That(report.Problem, Does.Contain("CRC"));
        Assert.That(restarted.Sequence, Is.EqualTo(live.Sequence - 1));
        Assert.That(new FileInfo(journal).Length, Is.EqualTo(bytes.Length - 8 - RecordCodec.Size));
    }

    [Test]
    public void A_sequence_gap_refuses_the_start()
    {
        var (_, journal) = JournalWithoutSnapshots(200, 9);
        var bytes = File.ReadAllBytes(journal).ToList();
        var recordSize = 8 + RecordCodec.Size;
        bytes.RemoveRange(recordSize * 7, recordSize); // a whole, valid record gone: CRCs all pass
        File.WriteAllBytes(journal, [.. bytes]);
        using var again = new TradingStore(_directory);
        var error = Assert.Throws<Engine.Journal.JournalCorruptException>(() => again.Open(NewCore()));
        Assert.That(error!.Message, Does.Contain("sequence 9 where 8 must follow"));
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
