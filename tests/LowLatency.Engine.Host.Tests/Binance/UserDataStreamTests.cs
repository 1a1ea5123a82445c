using System.Collections.Concurrent;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The user data stream against the emulator: a listen key, its connection and keep-alives, and each way the
/// stream ends (the <c>listenKeyExpired</c> event, a keep-alive refused because the key lapsed, a dropped
/// connection) followed by a new key and a new connection, announced so the venue reconciles; never a silent end
/// (hummingbot #5713, nautilus #3861).
/// </summary>
[TestFixture]
public sealed class UserDataStreamTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private BinanceRestEmulator? _rest;
    private BinanceStreamEmulator? _streams;
    private HttpClient? _http;
    private UserDataStream? _stream;
    private BlockingCollection<string> _messages = [];
    private BlockingCollection<int> _connections = [];
    private ConcurrentQueue<string> _problems = new();

    [SetUp]
    public void Start()
    {
        (_messages, _connections, _problems) = ([], [], new());
        _rest = new BinanceRestEmulator("key", "secret");
        _streams = new BinanceStreamEmulator();
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var client = new BinanceRestClient(_http, _rest.BaseUrl, BinanceMarket.Spot, new BinanceCredentials("key", "secret"), RequestBudget.Spot());
        _stream = new UserDataStream(client, _streams.Root, BinanceMarket.Spot, TimeSpan.FromMilliseconds(200),
            body => _messages.Add(System.Text.Encoding.UTF8.GetString(body.Span)), _connections.Add, _problems.Enqueue);
        _stream.Start();
    }

    [TearDown]
    public void Dispose()
    {
        _stream?.Dispose();
        _streams?.Dispose();
        _rest?.Dispose();
        _http?.Dispose();
        _messages.Dispose();
        _connections.Dispose();
        (_stream, _streams, _rest, _http) = (null, null, null, null);
    }

    [Test]
    public async Task Order_events_arrive_and_the_key_is_kept_alive()
    {
        Assert.That(_connections.TryTake(out var first, Wait), Is.True, string.Join("; ", _problems));
        Assert.That(first, Is.EqualTo(1));
        Assert.That(_streams!.ConnectedStreams.Last(), Is.EqualTo($"ws/{_rest!.ListenKeys.Single()}"));

        await _streams.SendAsync("""{"e":"executionReport","s":"BTCUSDT","c":"LL-1-1","C":"","i":1,"X":"NEW","x":"NEW","q":"1","z":"0","l":"0","L":"0","T":1}""");
        Assert.That(_messages.TryTake(out var message, Wait), Is.True);
        Assert.That(message, Does.Contain("LL-1-1"));

        var deadline = Environment.TickCount64 + 20_000;
        while (_rest.KeepAlives < 2 && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.That(_rest.KeepAlives, Is.GreaterThanOrEqualTo(2), "keep-alives went on their interval");
        Assert.That(_stream!.Connections, Is.EqualTo(1), "a kept-alive stream is not reopened");
    }

    [Test]
    public async Task The_expiry_event_brings_a_new_key_and_a_new_connection_announced()
    {
        Assert.That(_connections.TryTake(out _, Wait), Is.True, string.Join("; ", _problems));
        await _streams!.SendAsync("""{"e":"listenKeyExpired","E":1699596037418,"listenKey":"x"}""");
        Assert.That(_connections.TryTake(out var second, Wait), Is.True, "reconnected after the expiry");
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(2));
            Assert.That(_rest!.ListenKeys, Has.Count.EqualTo(2), "a new key");
            Assert.That(_stream!.Expiries, Is.EqualTo(1));
            Assert.That(_problems, Has.Some.StartsWith("listen key expired"));
            Assert.That(_messages, Is.Empty, "the expiry event is the stream's, not an order's");
        });
    }

    [Test]
    public void A_lapsed_key_found_by_its_refused_keep_alive_ends_the_stream_at_once()
    {
        Assert.That(_connections.TryTake(out _, Wait), Is.True, string.Join("; ", _problems));
        _rest!.Expire(_rest.ListenKeys.Single()); // the exchange forgot the key and never said so on the socket
        Assert.That(_connections.TryTake(out var second, Wait), Is.True, "reconnected once the keep-alive was refused");
        Assert.That((second, _stream!.Expiries, _rest.ListenKeys.Count), Is.EqualTo((2, 1, 2)));
    }

    [Test]
    public void A_dropped_connection_is_reopened_and_announced()
    {
        Assert.That(_connections.TryTake(out _, Wait), Is.True, string.Join("; ", _problems));
        Assert.That(_streams!.WaitForConnection(Wait), Is.True);
        _streams.Drop();
        Assert.That(_connections.TryTake(out var second, Wait), Is.True, "reconnected after the drop");
        Assert.That(second, Is.EqualTo(2));
        Assert.That(_problems, Has.Some.Contains("lost").Or.Some.Contains("closed"));
    }
}
