using System.Text;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Tests.Wire;

/// <summary>
/// The FIX wire codec: the published logon example (Wikipedia's "FIX protocol" article: BodyLength 65, CheckSum 062)
/// framed and read, messages built and read back, and every way a frame can be wrong (truncated, garbled, bad
/// checksum, bad length, oversized), with the reader allocating nothing.
/// </summary>
public sealed class FixWireTests
{
    private static readonly byte[] Logon = Bytes("8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|");

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text.Replace('|', '\u0001'));

    [Test]
    public void The_published_example_frames_and_reads()
    {
        Assert.That(FixFrame.TryRead(Logon, out var length), Is.EqualTo(FrameStatus.Complete));
        Assert.That(length, Is.EqualTo(Logon.Length));
        var view = new FixMessageView(Logon);
        Assert.That(view.Is(FixWire.MsgType, "A"u8), Is.True);
        Assert.That(view.TryGetLong(34, out var sequence) && sequence == 177, Is.True);
        Assert.That(view.TryGetLong(108, out var heartbeat) && heartbeat == 30, Is.True);
        Assert.That(view.TryGet(49, out var sender) && sender.SequenceEqual("SERVER"u8), Is.True);
        Assert.That(view.TryGet(999, out _), Is.False);
    }

    [Test]
    public void A_built_message_matches_the_published_one_byte_for_byte()
    {
        var writer = new FixWriter();
        writer.Start("FIX.4.2"u8, "A"u8);
        writer.Add(49, "SERVER"u8).Add(56, "CLIENT"u8).Add(34, 177).AddTimestamp(52, new DateTime(2009, 1, 7, 18, 15, 16, DateTimeKind.Utc));
        var built = writer.Finish().ToArray();
        // The published example's timestamp has no milliseconds; ours always writes them, so compare by fields and checksum rule.
        Assert.That(FixFrame.TryRead(built, out var length), Is.EqualTo(FrameStatus.Complete));
        Assert.That(length, Is.EqualTo(built.Length));
        Assert.That(Encoding.ASCII.GetString(built), Does.StartWith("8=FIX.4.2\u00019=").And.Contain("\u000152=20090107-18:15:16.000\u0001"));

        writer.Start("FIX.4.2"u8, "A"u8);
        writer.Add(49, "SERVER"u8).Add(56, "CLIENT"u8).Add(34, 177).Add(52, "20090107-18:15:16"u8).Add(98, 0).Add(108, 30);
        Assert.That(writer.Finish().ToArray(), Is.EqualTo(Logon));
    }

    [Test]
    public void Numbers_and_repeated_tags_read_back()
    {
        var writer = new FixWriter(64);
        writer.Start("FIX.4.4"u8, "D"u8);
        writer.Add(11, "ord-1"u8).Add(54, "1"u8).Add(38, 0.05m).Add(44, 65000.25m).Add(453, 2).Add(448, "A"u8).Add(448, "B"u8);
        var message = writer.Finish().ToArray();
        var view = new FixMessageView(message);
        Assert.That(view.TryGetDecimal(44, out var price) && price == 65000.25m, Is.True);
        Assert.That(view.TryGetDecimal(38, out var quantity) && quantity == 0.05m, Is.True);
        Assert.That(view.TryGetAt(448, 0, out var first, out var next) && first.SequenceEqual("A"u8), Is.True);
        Assert.That(view.TryGetAt(448, next, out var second, out _) && second.SequenceEqual("B"u8), Is.True, "a repeating group read from a position");
        Assert.Throws<ArgumentException>(() => writer.Add(58, "bad\u0001value"u8.ToArray()));
    }

    [Test]
    public void Truncated_frames_ask_for_more_and_back_to_back_frames_split()
    {
        for (var cut = 0; cut < Logon.Length; cut++)
        {
            Assert.That(FixFrame.TryRead(Logon.AsSpan(0, cut), out _), Is.EqualTo(FrameStatus.Incomplete), $"cut at {cut}");
        }

        var two = Logon.Concat(Logon).ToArray();
        Assert.That(FixFrame.TryRead(two, out var length), Is.EqualTo(FrameStatus.Complete));
        Assert.That(FixFrame.TryRead(two.AsSpan(length), out var second), Is.EqualTo(FrameStatus.Complete));
        Assert.That(length + second, Is.EqualTo(two.Length));
    }

    [TestCase("8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=063|", FrameStatus.BadChecksum)]
    [TestCase("8=FIX.4.2|9=64|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|", FrameStatus.BadBodyLength)]
    [TestCase("8=FIX.4.2|9=6x|35=A|10=000|", FrameStatus.Garbled)]
    [TestCase("8=FIX.4.2|35=A|9=5|10=000|", FrameStatus.Garbled)]
    [TestCase("garbage|8=FIX.4.2|9=5|35=0|10=000|", FrameStatus.Garbled)]
    [TestCase("8=FIX.4.2|9=99999999|35=0|", FrameStatus.Garbled)]
    public void Bad_frames_are_named(string text, FrameStatus expected)
    {
        Assert.That(FixFrame.TryRead(Bytes(text), out _), Is.EqualTo(expected));
    }

    [Test]
    public void After_a_bad_frame_the_reader_resynchronises_on_the_next_one()
    {
        var buffer = Bytes("junk|junk|").Concat(Logon).ToArray();
        Assert.That(FixFrame.TryRead(buffer, out _), Is.EqualTo(FrameStatus.Garbled));
        var next = FixFrame.NextStart(buffer);
        Assert.That(next, Is.EqualTo(10));
        Assert.That(FixFrame.TryRead(buffer.AsSpan(next), out _), Is.EqualTo(FrameStatus.Complete));
    }

    [Test]
    public void Reading_allocates_nothing()
    {
        ReadMany(); // the first pass may tier up mid-loop, and the runtime's own compilation allocates on this thread
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = ReadMany();
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sum, Is.EqualTo(1_770_000));
    }

    private static long ReadMany()
    {
        long sum = 0;
        for (var i = 0; i < 10_000; i++)
        {
            FixFrame.TryRead(Logon, out var length);
            var view = new FixMessageView(Logon.AsSpan(0, length));
            view.TryGetLong(34, out var sequence);
            sum += sequence;
        }

        return sum;
    }
}
