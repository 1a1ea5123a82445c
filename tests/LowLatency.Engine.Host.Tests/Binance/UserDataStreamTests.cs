namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The user data stream against the emulator: a listen key, its connection and keep-alives, and each way the
/// stream ends (the <c>listenKeyExpired</c> event, a keep-alive refused because the key lapsed, a dropped
/// connection) followed by a new key and a new connection, announced so the venue reconciles; never a silent end
/// (hummingbot #5713, nautilus #3861).
/// </summary>
[TestFixture]
public sealed class UserDataStreamTests : UserDataStreamFixture
{
    [SetUp]
    public void StartByListenKey() => StartStream("secret", TimeSpan.FromMilliseconds(200));

    [Test]
    public async Task Order_events_arrive_and_the_key_is_kept_alive()
    {
        Assert.That(Connections.TryTake(out var first, Wait), Is.True, string.Join("; ", Problems));
        Assert.That(first, Is.EqualTo(1));
        Assert.That(Streams!.ConnectedStreams.Last(), Is.EqualTo($"ws/{Rest!.ListenKeys.Single()}"));

        await Streams.SendAsync("""{"e":"executionReport","s":"BTCUSDT","c":"LL-1-1","C":"","i":1,"X":"NEW","x":"NEW","q":"1","z":"0","l":"0","L":"0","T":1}""");
        Assert.That(Messages.TryTake(out var message, Wait), Is.True);
        Assert.That(message, Does.Contain("LL-1-1"));

        var deadline = Environment.TickCount64 + 20_000;
        while (Rest.KeepAlives < 2 && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.That(Rest.KeepAlives, Is.GreaterThanOrEqualTo(2), "keep-alives went on their interval");
        Assert.That(Stream!.Connections, Is.EqualTo(1), "a kept-alive stream is not reopened");
    }

    [Test]
    public async Task The_expiry_event_brings_a_new_key_and_a_new_connection_announced()
    {
        Assert.That(Connections.TryTake(out _, Wait), Is.True, string.Join("; ", Problems));
        await Streams!.SendAsync("""{"e":"listenKeyExpired","E":1699596037418,"listenKey":"x"}""");
        Assert.That(Connections.TryTake(out var second, Wait), Is.True, "reconnected after the expiry");
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(2));
            Assert.That(Rest!.ListenKeys, Has.Count.EqualTo(2), "a new key");
            Assert.That(Stream!.Expiries, Is.EqualTo(1));
            Assert.That(Problems, Has.Some.StartsWith("listen key expired"));
            Assert.That(Messages, Is.Empty, "the expiry event is the stream's, not an order's");
        });
    }

    [Test]
    public void A_lapsed_key_found_by_its_refused_keep_alive_ends_the_stream_at_once()
    {
        Assert.That(Connections.TryTake(out _, Wait), Is.True, string.Join("; ", Problems));
        Rest!.Expire(Rest.ListenKeys.Single()); // the exchange forgot the key and never said so on the socket
        Assert.That(Connections.TryTake(out var second, Wait), Is.True, "reconnected once the keep-alive was refused");
        Assert.That((second, Stream!.Expiries, Rest.ListenKeys.Count), Is.EqualTo((2, 1, 2)));
    }

    [Test]
    public void A_dropped_connection_is_reopened_and_announced()
    {
        Assert.That(Connections.TryTake(out _, Wait), Is.True, string.Join("; ", Problems));
        Assert.That(Streams!.WaitForConnection(Wait), Is.True);
        Streams.Drop();
        Assert.That(Connections.TryTake(out var second, Wait), Is.True, "reconnected after the drop");
        Assert.That(second, Is.EqualTo(2));
        Assert.That(Problems, Has.Some.Contains("lost").Or.Some.Contains("closed"));
    }
}
