using System.Text;
using LowLatency.Fix.Session;

namespace LowLatency.Fix.Tests.Session;

[TestFixture]
public sealed class SessionStoreTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-store-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Messages_and_numbers_survive_a_reopen()
    {
        using (var store = SessionStore.Open(_directory, "A->B", fsync: false))
        {
            for (var seq = 1; seq <= 100; seq++)
            {
                store.Save(seq, Message(seq));
                store.SetNextSender(seq + 1);
            }

            store.SetNextTarget(42);
        }

        using var reopened = SessionStore.Open(_directory, "A->B", fsync: false);
        Assert.That((reopened.NextSenderSeq, reopened.NextTargetSeq), Is.EqualTo((101L, 42L)));
        Assert.That(reopened.TryGet(57, out var message), Is.True);
        Assert.That(Encoding.ASCII.GetString(message), Is.EqualTo("message 57"));
        Assert.That(reopened.All(), Has.Count.EqualTo(100));
    }

    [Test]
    public void Only_the_latest_messages_are_kept_however_long_the_session()
    {
        using var store = SessionStore.Open(_directory, "A->B", fsync: false, keptMessages: 64);
        for (var seq = 1; seq <= 10_000; seq++)
        {
            store.Save(seq, Message(seq));
        }

        Assert.That(store.TryGet(10_000 - 64, out _), Is.False, "older than the kept window: gap-filled on a resend");
        Assert.That(store.TryGet(10_000 - 63, out var oldest), Is.True);
        Assert.That(Encoding.ASCII.GetString(oldest), Is.EqualTo($"message {10_000 - 63}"));
        Assert.That(store.All(), Has.Count.EqualTo(64));
    }

    [Test]
    public void An_in_memory_store_stays_bounded_and_keeps_its_latest_messages()
    {
        using var store = SessionStore.InMemory(keptMessages: 16);
        for (var seq = 1; seq <= 100_000; seq++)
        {
            store.Save(seq, Message(seq));
        }

        Assert.That(store.TryGet(100_000, out var last), Is.True);
        Assert.That(Encoding.ASCII.GetString(last), Is.EqualTo("message 100000"));
        Assert.That(store.All().Select(m => Encoding.ASCII.GetString(m)), Is.EqualTo(Enumerable.Range(100_000 - 15, 16).Select(s => $"message {s}")));
    }

    [Test]
    public void A_torn_last_record_is_cut_and_the_next_message_takes_its_place()
    {
        using (var store = SessionStore.Open(_directory, "A->B", fsync: false))
        {
            store.Save(1, Message(1));
            store.Save(2, Message(2));
        }

        // A crash while the third record was being written: its body and number are there, its length not yet.
        var path = Path.Combine(_directory, "A-_B.messages");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            var end = 2 * (12 + Message(1).Length);
            file.Position = end + 4;
            file.Write(BitConverter.GetBytes(3L));
            file.Write(Encoding.ASCII.GetBytes("a longer message that was never sent whole"));
        }

        using (var store = SessionStore.Open(_directory, "A->B", fsync: false))
        {
            Assert.That(store.All(), Has.Count.EqualTo(2));
            Assert.That(store.TryGet(3, out _), Is.False);
            store.Save(3, Message(3));
        }

        using var reopened = SessionStore.Open(_directory, "A->B", fsync: false);
        Assert.That(reopened.All().Select(m => Encoding.ASCII.GetString(m)), Is.EqualTo(new[] { "message 1", "message 2", "message 3" }));
    }

    [Test]
    public void A_reset_forgets_every_message()
    {
        using (var store = SessionStore.Open(_directory, "A->B", fsync: true))
        {
            store.Save(1, Message(1));
            store.SetNextSender(2);
            store.Flush();
            store.Reset(DateTime.UtcNow);
            store.Save(1, Message(9));
        }

        using var reopened = SessionStore.Open(_directory, "A->B", fsync: false);
        Assert.That(reopened.All().Select(m => Encoding.ASCII.GetString(m)), Is.EqualTo(new[] { "message 9" }));
        Assert.That(reopened.NextSenderSeq, Is.EqualTo(1));
    }

    private static byte[] Message(long seq) => Encoding.ASCII.GetBytes($"message {seq}");
}
