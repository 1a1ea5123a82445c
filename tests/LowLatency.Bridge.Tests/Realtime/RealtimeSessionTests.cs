using System.Diagnostics;
using System.Text;
using LowLatency.Bridge.Realtime;

namespace LowLatency.Bridge.Tests.Realtime;

public sealed class RealtimeSessionTests
{
    [Test]
    public async Task Prices_are_conflated_to_the_latest_per_key_and_queued_messages_go_first()
    {
        using var session = new RealtimeSession(1, Frames.WebSocket, 16);
        var sent = new List<string>();
        var gate = new TaskCompletionSource();
        session.Enqueue("hello");
        for (var i = 0; i < 1000; i++)
        {
            session.OfferPrice("p|/|BTC-USD", $"btc {i}");
            session.OfferPrice("p|/|ETH-USD", $"eth {i}");
        }

        using var stop = new CancellationTokenSource();
        var sender = session.RunSenderAsync((frame, _) =>
        {
            sent.Add(Encoding.UTF8.GetString(frame.Span));
            if (sent.Count == 3)
            {
                gate.SetResult();
            }

            return ValueTask.CompletedTask;
        }, stop.Token);
        await gate.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await sender.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(sent, Is.EqualTo(new[] { "hello", "btc 999", "eth 999" }));
        Assert.That(session.Conflated, Is.EqualTo(1998));
    }

    [Test]
    public async Task A_client_that_does_not_take_a_send_within_the_timeout_is_aborted()
    {
        using var session = new RealtimeSession(2, Frames.WebSocket, 16);
        var started = new TaskCompletionSource();
        session.Enqueue("stuck");
        var sender = session.RunSenderAsync((_, token) =>
        {
            started.TrySetResult();
            return new ValueTask(Task.Delay(Timeout.Infinite, token));
        }, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var timeout = Stopwatch.Frequency / 10; // 100 ms
        session.AbortIfStuck(Stopwatch.GetTimestamp(), timeout);
        Assert.That(session.AbortReason, Is.Null, "a send in progress for less than the timeout is fine");
        session.AbortIfStuck(Stopwatch.GetTimestamp() + (2 * timeout), timeout);
        await sender.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(session.Aborted.IsCancellationRequested, Is.True);
        Assert.That(session.AbortReason, Does.StartWith("too slow: a send took over 100 ms"));
    }

    [Test]
    public async Task The_hub_watchdog_disconnects_a_stuck_client()
    {
        using var hub = new RealtimeHub(new RealtimeOptions { SendTimeoutMs = 100 });
        var session = hub.Open(Frames.WebSocket);
        session.Enqueue("stuck");
        var sender = session.RunSenderAsync((_, token) => new ValueTask(Task.Delay(Timeout.Infinite, token)), CancellationToken.None);
        await sender.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(session.AbortReason, Does.StartWith("too slow"));
    }

    [Test]
    public void A_full_queue_aborts_the_session_instead_of_waiting()
    {
        using var session = new RealtimeSession(3, Frames.WebSocket, 4);
        for (var i = 0; i < 5; i++)
        {
            session.Enqueue($"event {i}"); // no sender running: nothing drains
        }

        Assert.That(session.AbortReason, Is.EqualTo("too slow: its outbound queue is full"));
        Assert.DoesNotThrow(() => session.Enqueue("after"), "later messages are dropped quietly");
    }

    [Test]
    public void The_hub_counts_slow_disconnects_and_stops_publishing_to_closed_sessions()
    {
        using var hub = new RealtimeHub(new RealtimeOptions { QueueCapacity = 1 });
        var session = hub.Open(Frames.SocketIo);
        session.Subscriptions.AddChannel("orders");
        hub.PublishEvent("orders", "order_update", "{}");
        hub.PublishEvent("orders", "order_update", "{}");
        Assert.That(session.AbortReason, Does.StartWith("too slow"));
        hub.Close(session);
        session.Dispose();
        Assert.That((hub.Count, hub.SlowDisconnects), Is.EqualTo((0, 1L)));
        Assert.DoesNotThrow(() => hub.PublishEvent("orders", "order_update", "{}"));
    }
}
