using System.Collections.Concurrent;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The user data stream by the WebSocket API's <c>userDataStream.subscribe.signature</c> against the emulator: the
/// signed subscription answered, wrapped events read, a refused signature named with Binance's code and no
/// connection announced, a dropped connection subscribed again and announced, and the end of the subscription
/// (<c>eventStreamTerminated</c>) handled like an expired key.
/// </summary>
[TestFixture]
public sealed class WebSocketApiUserDataTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private BinanceRestEmulator? _rest;
    private BinanceStreamEmulator? _api;
    private HttpClient? _http;
    private UserDataStream? _stream;
    private BlockingCollection<string> _messages = [];
    private BlockingCollection<int> _connections = [];
    private ConcurrentQueue<string> _problems = new();

    [SetUp]
    public void StartEmulators()
    {
        (_messages, _connections, _problems) = ([], [], new());
        _rest = new BinanceRestEmulator("key", "secret");
        _api = new BinanceStreamEmulator { WebSocketApiKey = ("key", "secret") };
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public void Dispose()
    {
        _stream?.Dispose();
        _api?.Dispose();
        _rest?.Dispose();
        _http?.Dispose();
        _messages.Dispose();
        _connections.Dispose();
        (_stream, _api, _rest, _http) = (null, null, null, null);
    }

    private void Start(string secret)
    {
        var client = new BinanceRestClient(_http!, _rest!.BaseUrl, BinanceMarket.Spot, new BinanceCredentials("key", secret), RequestBudget.Spot());
        _stream = new UserDataStream(client, _api!.Root, BinanceMarket.Spot, TimeSpan.FromMinutes(30),
            body => _messages.Add(System.Text.Encoding.UTF8.GetString(body.Span)), _connections.Add, _problems.Enqueue, new Uri(_api.Root, "ws-api/v3"));
        _stream.Start();
    }

    [Test]
    public async Task The_signed_subscription_is_answered_and_its_wrapped_events_read()
    {
        Start("secret");
        Assert.That(_connections.TryTake(out var first, Wait), Is.True, string.Join("; ", _problems));
        Assert.That((first, _api!.ConnectedStreams.Single()), Is.EqualTo((1, "ws-api/v3")));
        await _api.SendAsync("""{"e":"executionReport","s":"BTCUSDT","c":"LL-1-1","C":"","i":1,"X":"NEW","x":"NEW","q":"1","z":"0","l":"0","L":"0","T":1}""");
        Assert.That(_messages.TryTake(out var message, Wait), Is.True);
        message ??= "";
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.StartWith("""{"subscriptionId":0,"event":"""));
            Assert.That(OrderEventReader.ReadStreamEvent(System.Text.Encoding.UTF8.GetBytes(message), out var order), Is.EqualTo(UserDataEventKind.Order));
            Assert.That(order!.ClientOrderId, Is.EqualTo("LL-1-1"));
            Assert.That(_rest!.ListenKeys, Is.Empty, "no listen key");
        });
    }

    [Test]
    public void A_refused_signature_is_named_with_Binances_code_and_nothing_is_announced()
    {
        Start("not-the-secret");
        var deadline = Environment.TickCount64 + 20_000;
        while (!_problems.Any(p => p.Contains("-1022", StringComparison.Ordinal)))
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), string.Join("; ", _problems));
            Thread.Sleep(10);
        }

        Assert.That(_connections, Is.Empty, "no connection announced, so no venue would trade on it");
    }

    [Test]
    public async Task A_drop_and_the_end_of_the_subscription_each_bring_a_new_subscription_announced()
    {
        Start("secret");
        Assert.That(_connections.TryTake(out _, Wait), Is.True, string.Join("; ", _problems));
        _api!.Drop();
        Assert.That(_connections.TryTake(out var second, Wait), Is.True, "subscribed again after the drop");
        await _api.SendAsync("""{"e":"eventStreamTerminated","E":1728973001334}""");
        Assert.That(_connections.TryTake(out var third, Wait), Is.True, "subscribed again after the end");
        Assert.Multiple(() =>
        {
            Assert.That((second, third), Is.EqualTo((2, 3)));
            Assert.That(_problems, Has.Some.Contains("eventStreamTerminated"));
        });
    }
}
