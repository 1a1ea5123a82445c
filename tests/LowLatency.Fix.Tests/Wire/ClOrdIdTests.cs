using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Tests.Wire;

/// <summary>ClOrdIDs of an order and its replaces, with and without an incarnation: written without strings, read back, and anyone else's id refused.</summary>
public sealed class ClOrdIdTests
{
    private static readonly byte[] Prefix = "LL-"u8.ToArray();

    [TestCase(0, 42, 0, "LL-42")]
    [TestCase(0, 42, 3, "LL-42.3")]
    [TestCase(0, 9_000_000_000, 12, "LL-9000000000.12")]
    [TestCase(93_456_789, 42, 0, "LL-93456789-42")]
    [TestCase(7, 1, 2, "LL-7-1.2")]
    public void An_id_writes_and_reads_back(int incarnation, long number, int version, string text)
    {
        var writer = new FixWriter();
        writer.Start("FIX.4.4"u8, "D"u8);
        new ClOrdId(Prefix, number, version, incarnation).WriteTo(writer, Tag.ClOrdId);
        var message = new FixMessageView(writer.Finish());
        Assert.That(message.GetString(Tag.ClOrdId), Is.EqualTo(text));
        Assert.That(ClOrdId.TryParse(Encoding.ASCII.GetBytes(text), Prefix, out var i, out var n, out var v), Is.True);
        Assert.That((i, n, v), Is.EqualTo((incarnation, number, version)));
        Assert.That(new ClOrdId(Prefix, number, version, incarnation).ToString(), Is.EqualTo(text));
    }

    [TestCase("LL-")]
    [TestCase("LL-0")]
    [TestCase("LL-x")]
    [TestCase("LL-4x")]
    [TestCase("LL-4.")]
    [TestCase("LL-4.0")]
    [TestCase("LL-4.-1")]
    [TestCase("LL-4.1.2")]
    [TestCase("XX-4")]
    [TestCase("LLC-4")]
    [TestCase("LL--4")]
    [TestCase("LL-0-4")]
    [TestCase("LL-7-")]
    [TestCase("LL-7-4-2")]
    [TestCase("LL-x-4")]
    public void Anything_else_is_not_ours(string text) =>
        Assert.That(ClOrdId.TryParse(Encoding.ASCII.GetBytes(text), Prefix, out _, out _), Is.False);
}
