using System.Buffers;
using System.Buffers.Binary;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Ipc;

namespace LowLatency.Bridge.Tests.Ipc;

public sealed class FrameFormatTests
{
    private static ReadOnlySequence<byte> Bytes(params (FrameType Type, long Sequence, byte[] Payload)[] frames)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var (type, sequence, payload) in frames)
        {
            FrameFormat.Write(writer, type, sequence, payload);
        }

        return new ReadOnlySequence<byte>(writer.WrittenMemory);
    }

    [Test]
    public void Frames_round_trip_back_to_back()
    {
        var buffer = Bytes((FrameType.Record, 7, [1, 2, 3]), (FrameType.Heartbeat, 8, []));
        Assert.That(FrameFormat.TryRead(ref buffer, 1024, out var first, out _), Is.EqualTo(FrameReadStatus.Complete));
        Assert.That(FrameFormat.TryRead(ref buffer, 1024, out var second, out _), Is.EqualTo(FrameReadStatus.Complete));
        Assert.That((first.Type, first.Sequence, first.Payload.ToArray()), Is.EqualTo((FrameType.Record, 7L, new byte[] { 1, 2, 3 })));
        Assert.That((second.Type, second.Sequence, second.Payload.Length), Is.EqualTo((FrameType.Heartbeat, 8L, 0)));
        Assert.That(buffer.Length, Is.Zero);
    }

    [Test]
    public void A_frame_cut_at_every_byte_is_incomplete_and_consumes_nothing()
    {
        var whole = Bytes((FrameType.Quote, 3, new byte[QuoteCodec.Size])).ToArray();
        for (var cut = 0; cut < whole.Length; cut++)
        {
            var buffer = new ReadOnlySequence<byte>(whole.AsMemory(0, cut));
            Assert.That(FrameFormat.TryRead(ref buffer, 1024, out _, out _), Is.EqualTo(FrameReadStatus.Incomplete), $"cut at {cut}");
            Assert.That(buffer.Length, Is.EqualTo(cut));
        }
    }

    [TestCase(0u, (ushort)4, (ushort)0, "length")]
    [TestCase(11u, (ushort)4, (ushort)0, "length")]
    [TestCase(5_000u, (ushort)4, (ushort)0, "length")]
    [TestCase(12u, (ushort)99, (ushort)0, "type")]
    [TestCase(12u, (ushort)4, (ushort)1, "flags")]
    public void Impossible_headers_are_malformed_with_a_reason(uint length, ushort type, ushort flags, string mentions)
    {
        var header = new byte[FrameFormat.HeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(header, length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(6), flags);
        var buffer = new ReadOnlySequence<byte>(header);
        Assert.That(FrameFormat.TryRead(ref buffer, 1024, out _, out var problem), Is.EqualTo(FrameReadStatus.Malformed));
        Assert.That(problem, Does.Contain(mentions));
    }

    [Test]
    public void Handshake_checks_magic_and_version()
    {
        Assert.That(Handshake.TryDecode(Handshake.Encode(42), out var sequence, out _), Is.True);
        Assert.That(sequence, Is.EqualTo(42));
        Assert.That(Handshake.TryDecode(Handshake.Encode(1, version: 99), out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain("version 99"));
        Assert.That(Handshake.TryDecode(new byte[Handshake.Size], out _, out problem), Is.False);
        Assert.That(problem, Does.Contain("not a LowLatency"));
    }

    [Test]
    public void Commands_results_and_quotes_round_trip()
    {
        var command = new Command
        {
            Type = CommandType.SubmitOrder, CorrelationId = 991, InstrumentId = 3, Side = Side.Sell, OrderType = OrderType.StopLimit, TimeInForce = TimeInForce.Fok,
            QuantityLots = 12, LimitTicks = 100, StopTicks = 101, StopLossTicks = 120, TakeProfitTicks = 80, OrderId = 5, MaxDrawdown = 6, Flatten = true,
        };
        Assert.That(CommandCodec.TryDecodeCommand(CommandCodec.Encode(command), out var back), Is.True);
        Assert.That(back, Is.EqualTo(command));
        Assert.That(CommandCodec.TryDecodeCommand(new byte[3], out _), Is.False, "a short payload is refused");

        var result = new CommandResult(991, CommandType.SubmitOrder, RejectReason.PriceBand, 17);
        var bytes = new byte[CommandCodec.ResultSize];
        CommandCodec.Encode(result, bytes);
        Assert.That(CommandCodec.TryDecodeResult(bytes, out var resultBack) && resultBack == result, Is.True);
        var budget = new CommandResult(992, CommandType.SetRiskBudget, RejectReason.None, 0)
        {
            Budget = new RiskBudgetReport(new RiskBudget(3, 4, 5, 60_000, 9, 90_000) { HasLossSlices = true, MaxDailyLoss = 2_500, MaxDrawdown = 10_000 }, 2, 12_345.5)
            {
                DailyLoss = 17.25, Drawdown = 40.5, ConfiguredDailyLoss = 2_499, ConfiguredDrawdown = 10_001, DayStartMs = 1_699_920_000_000,
            },
        };
        CommandCodec.Encode(budget, bytes);
        Assert.That(CommandCodec.TryDecodeResult(bytes, out var budgetBack) ? budgetBack : default, Is.EqualTo(budget), "a risk budget's every field");

        var tick = new Tick { InstrumentId = 2, TimestampMs = 1_700_000_000_000, BidTicks = 10, AskTicks = 11, LastTicks = 10, SizeLots = 4 };
        var quote = new byte[QuoteCodec.Size];
        QuoteCodec.Encode(tick, quote);
        Assert.That(QuoteCodec.TryDecode(quote, out var tickBack), Is.True);
        Assert.That(tickBack, Is.EqualTo(tick));
    }
}
