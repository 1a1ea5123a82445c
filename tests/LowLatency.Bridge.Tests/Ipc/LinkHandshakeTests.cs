using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LowLatency.Analytics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.Ipc;
using LowLatency.Ipc.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Bridge.Tests.Ipc;

/// <summary>An engine port that accepts and then says nothing (a process hung mid-start) does not hold the bridge's link: the handshake times out and the client connects again.</summary>
public sealed class LinkHandshakeTests
{
    [Test]
    public async Task A_peer_that_accepts_and_stays_silent_is_left_after_the_handshake_timeout_and_connected_again()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var silent = new ConcurrentBag<Socket>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var accepting = Task.Run(async () =>
        {
            while (silent.Count < 3)
            {
                silent.Add(await listener.AcceptSocketAsync(stop.Token)); // kept open, never answered
            }
        });
        var handler = new Reasons();
        using var client = new EngineLinkClient((IPEndPoint)listener.LocalEndpoint, handler, NullLogger.Instance, () => [1, 2, 3], handshakeTimeout: TimeSpan.FromMilliseconds(200));
        var link = client.RunAsync(stop.Token);
        await accepting; // three connections: the client gave up on the first two and came back
        await stop.CancelAsync();
        await link;
        Assert.That(handler.Disconnects, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(handler.Disconnects.Take(2), Is.All.EqualTo("the engine did not finish the handshake in time"));
        Assert.That(handler.Connected, Is.False);
        foreach (var socket in silent)
        {
            socket.Dispose();
        }
    }

    /// <summary>Records what the link tells its handler.</summary>
    private sealed class Reasons : IEngineLinkHandler
    {
        public ConcurrentQueue<string> Disconnects { get; } = new();

        public bool Connected { get; private set; }

        public void OnConnected(long engineSequence) => Connected = true;

        public void OnDisconnected(string reason) => Disconnects.Enqueue(reason);

        public void OnSnapshot(StateSnapshot snapshot)
        {
        }

        public void OnRecord(in TradingRecord record)
        {
        }

        public void OnQuote(in Tick tick)
        {
        }

        public void OnCommandResult(in CommandResult result)
        {
        }

        public void OnStats(EngineStats stats)
        {
        }

        public void OnSignal(EngineSignal signal)
        {
        }

        public void OnBar(int instrumentId, in OhlcvBar bar)
        {
        }
    }
}
