using LowLatency.Binance;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The user data stream by the WebSocket API's <c>userDataStream.subscribe.signature</c> against the emulator: the
/// signed subscription answered, wrapped events read, a refused signature named with Binance's code and no
/// connection announced, a dropped connection subscribed again and announced, and the end of the subscription
/// (<c>eventStreamTerminated</c>) handled like an expired key.
/// </summary>
[TestFixture]
public sealed class WebSocketApiUserDataTests : UserDataStreamFixture
{
    private void Start(string secret) => StartStream(secret, TimeSpan.FromMinutes(30), webSocketApi: true);

    [Test]
    public async Task The_signed_subscription_is_answered_and_its_wrapped_events_read()
    {
        Start("secret");
        Assert.That(Connections.TryTake(out var first, Wait), Is.True, string.Join("; ", Problems));
        Assert.That((first, Streams!.ConnectedStreams.Single()), Is.EqualTo((1, "ws-api/v3")));
        await Streams.SendAsync("""{"e":"executionReport","s":"BTCUSDT","c":"LL-1-1","C":"","i":1,"X":"NEW","x":"NEW","q":"1","z":"0","l":"0","L":"0","T":1}""");
        Assert.That(Messages.TryTake(out var message, Wait), Is.True);
        message ??= "";
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.StartWith("""{"subscriptionId":0,"event":"""));
            Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(message), out var order), Is.EqualTo(UserDataEventKind.Order));
            Assert.That(order!.ClientOrderId, Is.EqualTo("LL-1-1"));
            Assert.That(Rest!.ListenKeys, Is.Empty, "no listen key");
        });
    }

    [Test]
    public void A_refused_signature_is_named_with_Binances_code_and_nothing_is_announced()
    {
        Start("not-the-secret");
        var deadline = Environment.TickCount64 + 20_000;
        while (!Problems.Any(p => p.Contains("-1022", StringComparison.Ordinal)))
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), string.Join("; ", Problems));
            Thread.Sleep(10);
        }

        Assert.That(Connections, Is.Empty, "no connection announced, so no venue would trade on it");
    }

    [Test]
    public async Task A_drop_and_the_end_of_the_subscription_each_bring_a_new_subscription_announced()
    {
        Start("secret");
        Assert.That(Connections.TryTake(out _, Wait), Is.True, string.Join("; ", Problems));
        Streams!.Drop();
        Assert.That(Connections.TryTake(out var second, Wait), Is.True, "subscribed again after the drop");
        await Streams.SendAsync("""{"e":"eventStreamTerminated","E":1728973001334}""");
        Assert.That(Connections.TryTake(out var third, Wait), Is.True, "subscribed again after the end");
        Assert.Multiple(() =>
        {
            Assert.That((second, third), Is.EqualTo((2, 3)));
            Assert.That(Problems, Has.Some.Contains("eventStreamTerminated"));
        });
    }
}
