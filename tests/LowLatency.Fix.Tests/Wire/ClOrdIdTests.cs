using System.Text;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Tests.Wire;

/// <summary>ClOrdIDs of an order and its replaces: written without strings, read back, and anyone else's id refused.</summary>
public sealed class ClOrdIdTests
{
    private static readonly byte[] Prefix = "LL-"u8.ToArray();

    [TestCase(42, 0, "LL-42")]
    [TestCase(42, 3, "LL-42.3")]
    [TestCase(9_000_000_000, 12, "LL-9000000000.12")]
    public void An_id_writes_and_reads_back(long number, int version, string text)
    {
        var writer = new FixWriter();
        writer.Start("FIX.4.4"u8, "D"u8);
        new ClOrdId(Prefix, number, version).WriteTo(writer, Tag.ClOrdId);
        var message = new FixMessageView(writer.Finish());
        Assert.That(message.GetString(Tag.ClOrdId), Is.EqualTo(text));
        Assert.That(ClOrdId.TryParse(Encoding.ASCII.GetBytes(text), Prefix, out var n, out var v), Is.True);
        Assert.That((n, v), Is.EqualTo((number, version)));
        Assert.That(new ClOrdId(Prefix, number, version).ToString(), Is.EqualTo(text));
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
    public void Anything_else_is_not_ours(string text) =>
        Assert.That(ClOrdId.TryParse(Encoding.ASCII.GetBytes(text), Prefix, out _, out _), Is.False);
}
