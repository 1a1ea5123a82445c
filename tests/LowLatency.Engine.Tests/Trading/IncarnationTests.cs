using LowLatency.Engine.Execution;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// The data directory's incarnation: new and higher at every start (above what a venue's store shows sent, even
/// with the directory wiped), durable before the first order, stamped on every order and kept by the journal; a
/// venue's report naming an order id of another incarnation is not applied to this journal's order of that id.
/// </summary>
public sealed class IncarnationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Each_start_begins_a_higher_incarnation_written_to_disk()
    {
        var directory = Directory.CreateTempSubdirectory("ll-incarnation-").FullName;
        try
        {
            var first = DataIncarnation.Begin(directory, Now);
            var second = DataIncarnation.Begin(directory, Now); // the same second
            var third = DataIncarnation.Begin(directory, Now.AddSeconds(-3600)); // a clock set back
            Assert.That((second, third), Is.EqualTo((first + 1, first + 2)));
            Assert.That(File.ReadAllText(Path.Combine(directory, DataIncarnation.FileName)).Trim(), Is.EqualTo(third.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            File.Delete(Path.Combine(directory, DataIncarnation.FileName)); // wiped with its journal, in the same second
            Assert.That(DataIncarnation.Begin(directory, Now, highestSent: third), Is.EqualTo(third + 1), "above what the venue's store shows sent");

            File.WriteAllText(Path.Combine(directory, DataIncarnation.FileName), "garbage");
            Assert.That(DataIncarnation.Begin(directory, Now.AddDays(1)), Is.GreaterThan(third), "an unreadable file: the clock's number, later than any before");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Orders_carry_the_incarnation_through_the_journal_codec_and_the_snapshot()
    {
        var f = new RemoteVenueFixture();
        f.Core.BeginIncarnation(812_345);
        var id = f.WorkingOrder();
        var accepted = f.Records.Single(r => r.Type == RecordType.OrderAccepted);
        Span<byte> bytes = stackalloc byte[RecordCodec.Size];
        RecordCodec.Encode(accepted, bytes);
        Assert.That(RecordCodec.TryDecode(bytes, out var decoded, out _), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That((f.Order(id).Incarnation, decoded.Incarnation), Is.EqualTo((812_345, 812_345)));
            Assert.That(f.Core.State.FirstIncarnation, Is.EqualTo(812_345));
            Assert.That(f.Core.Capture().WorkingOrders.Single().Incarnation, Is.EqualTo(812_345));
        });
    }

    [Test]
    public void A_report_for_the_same_id_of_another_incarnation_is_not_this_journals_order()
    {
        var f = new RemoteVenueFixture();
        f.Core.BeginIncarnation(20);
        var id = f.WorkingOrder();
        f.Core.ApplyVenueReport(new VenueReport { OrderId = id, Incarnation = 19, InstrumentId = RemoteVenueFixture.Btc, Outcome = VenueOutcome.Working, TimeMs = RemoteVenueFixture.T0 + 5 });
        Assert.That((f.Order(id).Status, f.Core.Status), Is.EqualTo((OrderStatus.PendingNew, TradingStatus.Running)), "an open orphan of a lost journal changes nothing here (the venue cancels it)");

        f.Core.ApplyVenueReport(new VenueReport { OrderId = id, Incarnation = 19, InstrumentId = RemoteVenueFixture.Btc, Outcome = VenueOutcome.Working, CumulativeLots = 300, LastPriceTicks = 6_500_000, TimeMs = RemoteVenueFixture.T0 + 6 });
        Assert.Multiple(() =>
        {
            Assert.That((f.Core.Status, f.Core.StatusReason), Is.EqualTo((TradingStatus.Halted, StatusReason.Reconciliation)));
            Assert.That(f.Core.ReconciliationProblem, Is.EqualTo($"the venue reports 300 lots filled on order {id} (incarnation 19), which the journal never accepted"));
            Assert.That(f.Order(id).FilledLots, Is.Zero, "nothing booked on this journal's order of that id");
        });
    }
}
