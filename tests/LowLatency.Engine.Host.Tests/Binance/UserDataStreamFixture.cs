using System.Collections.Concurrent;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>What the user data stream tests stand on: the REST and stream emulators (the latter also the WebSocket API), and what the stream reports: its messages, announced connections and problems.</summary>
public abstract class UserDataStreamFixture : IDisposable
{
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    protected BinanceRestEmulator? Rest { get; private set; }

    protected BinanceStreamEmulator? Streams { get; private set; }

    protected UserDataStream? Stream { get; private set; }

    protected BlockingCollection<string> Messages { get; private set; } = [];

    protected BlockingCollection<int> Connections { get; private set; } = [];

    protected ConcurrentQueue<string> Problems { get; private set; } = new();

    private HttpClient? _http;

    [SetUp]
    public void StartEmulators()
    {
        (Messages, Connections, Problems) = ([], [], new());
        Rest = new BinanceRestEmulator("key", "secret");
        Streams = new BinanceStreamEmulator { WebSocketApiKey = ("key", "secret") };
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    [TearDown]
    public void Dispose()
    {
        Stream?.Dispose();
        Streams?.Dispose();
        Rest?.Dispose();
        _http?.Dispose();
        Messages.Dispose();
        Connections.Dispose();
        (Stream, Streams, Rest, _http) = (null, null, null, null);
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the stream with <paramref name="secret"/>: by listen key kept alive every <paramref name="keepAlive"/>, or by the WebSocket API's subscription.</summary>
    protected void StartStream(string secret, TimeSpan keepAlive, bool webSocketApi = false)
    {
        var client = new BinanceRestClient(_http!, Rest!.BaseUrl, BinanceMarket.Spot, new BinanceCredentials("key", secret), RequestBudget.Spot());
        Stream = new UserDataStream(client, Streams!.Root, BinanceMarket.Spot, keepAlive, body => Messages.Add(System.Text.Encoding.UTF8.GetString(body.Span)), Connections.Add,
            Problems.Enqueue, webSocketApi ? new Uri(Streams.Root, "ws-api/v3") : null);
        Stream.Start();
    }
}
