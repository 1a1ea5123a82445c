using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;
using Microsoft.Extensions.Logging;

namespace LowLatency.Ipc.Server;

/// <summary>
/// The engine's end of the bridge link: the publisher. Its thread drains the <see cref="EventTap"/> into a
/// <see cref="StateMirror"/> (so a snapshot never touches the trading thread's state), and streams welcome →
/// snapshot → records, command results and the conflated quotes, signals and bars (<see cref="LinkStreams"/>) to
/// the bridge that <see cref="LinkAcceptor"/> let in. Commands from the bridge enter the ring through
/// <c>publishCommand</c>. The trading thread never waits on any of this; a bridge that stops reading is disconnected.
/// </summary>
public sealed partial class EngineLinkServer : IDisposable
{
    private readonly LinkAcceptor _acceptor;
    private readonly LinkOptions _options;
    private readonly StateMirror _mirror;
    private readonly LinkStreams _streams;
    private long _snapshotRequestedAt;
    private readonly Func<Command, bool> _publishCommand;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _scratch = new byte[Math.Max(RecordCodec.Size, CommandCodec.ResultSize) + 64];
    private readonly Queue<CommandResult> _localResults = new();
    private Thread? _publisher;
    private Connection? _current;
    private long _lastRecordSequence;
    private byte[]? _pendingStats;
    private byte[]? _latestStats;
    private long _lastDropped;

    /// <param name="secret">The link secret (<see cref="LinkSecret"/>) a bridge must prove before it is welcomed.</param>
    /// <param name="signals">The signal stage's latest decision per strategy (with <paramref name="strategies"/> for their names), or null.</param>
    public EngineLinkServer(LinkOptions options, TradingCore real, LatestValues<Tick> quotes, EventTap tap, Func<Command, bool> publishCommand, ILogger logger, byte[] secret,
        LatestValues<SignalEvent>? signals = null, IReadOnlyList<Strategy>? strategies = null, LatestValues<BarEvent>? bars = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("The link secret is empty.", nameof(secret));
        }

        _options = options;
        _streams = new LinkStreams(options, quotes, signals, strategies, bars);
        Tap = tap;
        _publishCommand = publishCommand;
        _logger = logger;

        // Must run before the ring starts: the mirror begins as an exact copy of the recovered state.
        var account = new AccountOptions { Currency = real.Account.Currency, InitialBalance = real.Account.InitialBalance };
        _mirror = new StateMirror(real.Registry, account, Math.Max(1, options.FinishedOrdersOnResync));
        _mirror.Reset(real.CaptureWithHistory()); // with the finished orders the recovered engine remembers
        _lastRecordSequence = _mirror.Sequence;
        _acceptor = new LinkAcceptor(options.Port, secret, publishCommand, RefuseLocally, logger, _stop.Token);
    }

    public EventTap Tap { get; }

    /// <summary>Bars sent again to connecting bridges so far (publisher thread; for tests and diagnostics).</summary>
    public long BarsReplayed => _streams.BarsReplayed;

    /// <summary>The port actually bound (useful with port 0).</summary>
    public int Port => _acceptor.Port;

    /// <summary>Whether a bridge is connected and past the handshake.</summary>
    public bool BridgeConnected => Volatile.Read(ref _current) is not null;

    public long ConnectionsAccepted => _acceptor.Accepted;

    /// <summary>Connections closed during the handshake (garbage, wrong version, no or wrong secret).</summary>
    public long ConnectionsRejected => _acceptor.Rejected;

    /// <summary>Any thread: the latest interval's figures, sent to the bridge with the next frames.</summary>
    public void PublishStats(EngineStats stats)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(stats);
        Volatile.Write(ref _latestStats, json);
        Volatile.Write(ref _pendingStats, json);
    }

    public void Start()
    {
        _acceptor.Start();
        _publisher = new Thread(PublishLoop) { IsBackground = true, Name = "ll-ipc" };
        _publisher.Start();
        LogListening(_logger, Port);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _acceptor.Stop();
        _publisher?.Join(TimeSpan.FromSeconds(5));
        _current?.Close("engine stopping");
        _acceptor.Dispose();
        _stop.Dispose();
    }

    private void PublishLoop()
    {
        var nextHeartbeat = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            var connection = AdoptPending();
            var wrote = DrainTap(connection);
            wrote |= DrainLocalResults(connection);
            var now = Stopwatch.GetTimestamp();
            wrote |= _streams.SendQuotes(connection, now, _mirror);
            wrote |= _streams.SendSignals(connection, _mirror.Sequence);
            wrote |= _streams.SendBars(connection, _mirror.Sequence);

            if (Interlocked.Exchange(ref _pendingStats, null) is { } stats && connection is not null)
            {
                FrameFormat.Write(connection.Output, FrameType.Stats, _mirror.Sequence, stats);
                wrote = true;
            }

            if (connection is not null && connection.SnapshotRequested && !_mirror.Stale)
            {
                connection.SnapshotRequested = false;
                SendSnapshot(connection);
                wrote = true;
            }

            if (connection is not null && !wrote && now >= nextHeartbeat)
            {
                FrameFormat.Write(connection.Output, FrameType.Heartbeat, _mirror.Sequence, []);
                wrote = true;
            }

            if (connection is not null && wrote)
            {
                nextHeartbeat = now + Stopwatch.Frequency;
                Flush(connection);
            }

            if (!wrote)
            {
                Thread.Sleep(1);
            }
        }
    }

    private Connection? AdoptPending()
    {
        var pending = _acceptor.TakePending();
        if (pending is not null)
        {
            Volatile.Read(ref _current)?.Close("replaced by a newer connection");
            FrameFormat.Write(pending.Output, FrameType.Welcome, _mirror.Sequence, Handshake.Encode(_mirror.Sequence));
            if (_mirror.Stale)
            {
                pending.SnapshotRequested = true; // sent once the view is rebuilt
            }
            else
            {
                SendSnapshot(pending);
            }

            // The latest figures first: they say where each price comes from, before the replayed bars arrive.
            if (Volatile.Read(ref _latestStats) is { } stats)
            {
                FrameFormat.Write(pending.Output, FrameType.Stats, _mirror.Sequence, stats);
            }

            _streams.OnConnected(pending, _mirror.Sequence, Flush);
            Volatile.Write(ref _current, pending);
            Flush(pending);
            LogConnected(_logger, pending.Remote, _mirror.Sequence);
        }

        var current = Volatile.Read(ref _current);
        if (current is not null && current.Closed)
        {
            LogDisconnected(_logger, current.Remote, current.CloseReason ?? "closed");
            Volatile.Write(ref _current, null);
            return null;
        }

        return current;
    }

    /// <summary>The whole state, and the orders that finished after the sequence the bridge said it last saw.</summary>
    private void SendSnapshot(Connection connection)
    {
        var core = _mirror.State!;
        var state = core.Capture() with { RecentlyFinished = core.FinishedAfter(connection.HelloSequence) };
        var json = JsonSerializer.SerializeToUtf8Bytes(state, TradingCore.SnapshotJson);
        FrameFormat.Write(connection.Output, FrameType.Snapshot, _mirror.Sequence, json);
    }

    private bool DrainTap(Connection? connection)
    {
        var next = Tap.Consumed.Value + 1;
        var available = Tap.Ring.Cursor;
        var dropped = Tap.Dropped;
        if (dropped != _lastDropped)
        {
            LogDropped(_logger, dropped - _lastDropped);
            _lastDropped = dropped;
            _mirror.MarkStale();
        }

        RequestSnapshotIfStale();
        if (available < next)
        {
            return false;
        }

        for (var s = next; s <= available; s++)
        {
            ref var entry = ref Tap.Ring[s];
            if (entry.Snapshot is { } snapshot)
            {
                entry.Snapshot = null;
                Rebuild(snapshot, connection);
                continue;
            }

            if (entry.IsResult)
            {
                if (connection is not null)
                {
                    CommandCodec.Encode(entry.Result, _scratch);
                    FrameFormat.Write(connection.Output, FrameType.CommandResult, _mirror.Sequence, _scratch.AsSpan(0, CommandCodec.ResultSize));
                }

                continue;
            }

            var record = entry.Record;
            if (record.Sequence <= _lastRecordSequence)
            {
                continue; // already in the mirror (recovered state, or covered by a snapshot)
            }

            // A gap (records dropped) or a record that does not fit leaves the mirror stale: a snapshot is asked for.
            _lastRecordSequence = record.Sequence;
            _mirror.Apply(record);

            if (connection is not null)
            {
                var length = RecordCodec.Encode(record, _scratch);
                FrameFormat.Write(connection.Output, FrameType.Record, record.Sequence, _scratch.AsSpan(0, length));
            }
        }

        Tap.Consumed.SetValue(available);
        return connection is not null;
    }

    /// <summary>While the mirror is stale, asks the trading thread for the whole state (at most every 100 ms).</summary>
    private void RequestSnapshotIfStale()
    {
        var now = Stopwatch.GetTimestamp();
        if (_mirror.Stale && now - _snapshotRequestedAt > Stopwatch.Frequency / 10)
        {
            _snapshotRequestedAt = now;
            _publishCommand(new Command { Type = CommandType.Snapshot });
        }
    }

    /// <summary>A snapshot from the trading thread: the mirror starts again from it, and the bridge gets it too.</summary>
    private void Rebuild(StateSnapshot snapshot, Connection? connection)
    {
        _mirror.Reset(snapshot);
        _lastRecordSequence = snapshot.LastSequence;
        if (Tap.Dropped != _lastDropped)
        {
            _mirror.MarkStale(); // more was dropped since the snapshot was taken: ask again
        }

        if (connection is not null && !_mirror.Stale)
        {
            SendSnapshot(connection);
        }

        LogRebuilt(_logger, snapshot.LastSequence);
    }


    /// <summary>A command the ring could not take: answered by the publisher, in order with everything else.</summary>
    private void RefuseLocally(CommandResult result)
    {
        lock (_localResults)
        {
            _localResults.Enqueue(result);
        }
    }

    private bool DrainLocalResults(Connection? connection)
    {
        lock (_localResults)
        {
            if (_localResults.Count == 0)
            {
                return false;
            }

            while (_localResults.TryDequeue(out var result))
            {
                if (connection is not null)
                {
                    CommandCodec.Encode(result, _scratch);
                    FrameFormat.Write(connection.Output, FrameType.CommandResult, _mirror.Sequence, _scratch.AsSpan(0, CommandCodec.ResultSize));
                }
            }

            return connection is not null;
        }
    }

    private void Flush(Connection connection)
    {
        try
        {
            var flush = connection.Output.FlushAsync();
            if (!flush.IsCompleted && !flush.AsTask().Wait(TimeSpan.FromSeconds(_options.WriteTimeoutSeconds)))
            {
                connection.Close($"bridge did not read for {_options.WriteTimeoutSeconds} s");
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or AggregateException)
        {
            connection.Close(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bridge link listening on 127.0.0.1:{Port}")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bridge {Remote} connected; snapshot at sequence {Sequence}")]
    private static partial void LogConnected(ILogger logger, string remote, long sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bridge {Remote} disconnected: {Reason}")]
    private static partial void LogDisconnected(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bridge link view rebuilt from the trading thread's snapshot at sequence {Sequence}")]
    private static partial void LogRebuilt(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Bridge link fell behind: {Count} trading events dropped from its tap (the trading thread never waits)")]
    private static partial void LogDropped(ILogger logger, long count);
}
