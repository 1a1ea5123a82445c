using System.Diagnostics;
using System.Text.Json;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;

namespace LowLatency.Ipc.Server;

/// <summary>
/// The link's conflated streams, read from the trading thread's latest-value slots on the publisher thread:
/// quotes (at most the configured rate per instrument, staggered across the interval), each strategy's latest
/// decision once, and each instrument's closed one-minute bars once — kept in a history replayed to every bridge
/// that connects. Whatever was overwritten in a slot before it was read is conflated away by design.
/// </summary>
internal sealed class LinkStreams
{
    private readonly LatestValues<Tick> _quotes;
    private readonly LatestValues<SignalEvent>? _signals;
    private readonly IReadOnlyList<Strategy> _strategies;
    private readonly LatestValues<BarEvent>? _bars;
    private readonly long[] _sentVersion;
    private readonly long[] _sentAtTicks;
    private readonly long[] _sentSignalVersion;
    private readonly long[] _sentBarVersion;
    private readonly BarHistory _barHistory;
    private readonly long _interval;
    private readonly byte[] _scratch = new byte[Math.Max(QuoteCodec.Size, BarCodec.Size) + 64];

    public LinkStreams(LinkOptions options, LatestValues<Tick> quotes, LatestValues<SignalEvent>? signals, IReadOnlyList<Strategy>? strategies, LatestValues<BarEvent>? bars)
    {
        _quotes = quotes;
        _signals = signals;
        _strategies = strategies ?? [];
        _bars = bars;
        _sentVersion = new long[quotes.Count];
        _sentAtTicks = new long[quotes.Count];
        _sentSignalVersion = new long[signals?.Count ?? 0];
        _sentBarVersion = new long[bars?.Count ?? 0];
        _barHistory = new BarHistory(bars?.Count ?? 0, bars is null ? 0 : options.BarHistoryMinutes);
        _interval = (long)(Stopwatch.Frequency / Math.Max(0.1, options.QuoteRateHz));
    }

    /// <summary>Bars sent again to connecting bridges so far (publisher thread; for tests and diagnostics).</summary>
    public long BarsReplayed { get; private set; }

    /// <summary>A new bridge: every quote and decision afresh, and the bar history before any new bar.</summary>
    public void OnConnected(Connection connection, long sequence, Action<Connection> flush)
    {
        Array.Clear(_sentVersion);
        Stagger(Stopwatch.GetTimestamp());
        Array.Clear(_sentSignalVersion);
        ReplayBars(connection, sequence, flush);
    }

    /// <summary>
    /// Every bar the history holds, oldest first per instrument, ahead of any new one: a bridge that was away (or
    /// is new) fills its gap, and one that already has them ignores what it has. Flushed in chunks.
    /// </summary>
    private void ReplayBars(Connection connection, long sequence, Action<Connection> flush)
    {
        var written = 0;
        for (var instrument = 0; instrument < _sentBarVersion.Length && !connection.Closed; instrument++)
        {
            for (var i = 0; i < _barHistory.Count(instrument); i++)
            {
                BarCodec.Encode(instrument, _barHistory[instrument, i], _scratch);
                FrameFormat.Write(connection.Output, FrameType.Bar, sequence, _scratch.AsSpan(0, BarCodec.Size));
                if (++written % 512 == 0)
                {
                    flush(connection);
                }
            }
        }

        BarsReplayed += written;
    }

    /// <summary>Each instrument's newly closed one-minute bar, once, into the history too (sent now to a connected bridge, replayed to the next one).</summary>
    public bool SendBars(Connection? connection, long sequence)
    {
        var wrote = false;
        for (var i = 0; i < _sentBarVersion.Length; i++)
        {
            var version = _bars!.Read(i, out var e);
            if (version == 0 || version == _sentBarVersion[i])
            {
                continue;
            }

            _sentBarVersion[i] = version;
            _barHistory.Add(i, e.Bar);
            if (connection is not null)
            {
                BarCodec.Encode(e.InstrumentId, e.Bar, _scratch);
                FrameFormat.Write(connection.Output, FrameType.Bar, sequence, _scratch.AsSpan(0, BarCodec.Size));
                wrote = true;
            }
        }

        return wrote;
    }

    /// <summary>Each strategy's new decision, once (signals are rare: a bar close at most).</summary>
    public bool SendSignals(Connection? connection, long sequence)
    {
        var wrote = false;
        for (var i = 0; i < _sentSignalVersion.Length; i++)
        {
            var version = _signals!.Read(i, out var e);
            if (version == 0 || version == _sentSignalVersion[i])
            {
                continue;
            }

            _sentSignalVersion[i] = version;
            if (connection is not null && (uint)e.StrategyIndex < (uint)_strategies.Count)
            {
                var strategy = _strategies[e.StrategyIndex];
                var s = e.Signal;
                var signal = new EngineSignal(strategy.Name, strategy.Instrument.Id, s.Direction.ToString().ToLowerInvariant(), s.Confidence, s.Price, s.StopDistance, s.TakeDistance, s.Atr, e.TimeMs);
                FrameFormat.Write(connection.Output, FrameType.Signal, sequence, JsonSerializer.SerializeToUtf8Bytes(signal));
                wrote = true;
            }
        }

        return wrote;
    }

    /// <summary>
    /// Spreads the instruments' send times over one quote interval, so that their quotes (and the bridge's fan-out
    /// of each to every subscribed client) do not all fall due in the same instant.
    /// </summary>
    private void Stagger(long now)
    {
        for (var id = 0; id < _sentAtTicks.Length; id++)
        {
            _sentAtTicks[id] = now - _interval + (id * _interval / _sentAtTicks.Length);
        }
    }

    /// <summary>
    /// A changed quote goes out at once unless its instrument had one within the last interval; then the latest
    /// waits for the interval to pass (conflation: at most the configured rate, never stale by more than it).
    /// </summary>
    public bool SendQuotes(Connection? connection, long now, StateMirror mirror)
    {
        var wrote = false;
        for (var id = 0; id < _quotes.Count; id++)
        {
            var version = _quotes.Read(id, out var tick);
            if (version == 0 || version == _sentVersion[id] || now - _sentAtTicks[id] < _interval)
            {
                continue;
            }

            _sentVersion[id] = version;
            _sentAtTicks[id] = now - _sentAtTicks[id] < 2 * _interval ? _sentAtTicks[id] + _interval : now; // keep the staggered phase
            mirror.Mark(tick.InstrumentId, tick.BidTicks, tick.AskTicks, tick.TimestampMs);
            if (connection is not null)
            {
                QuoteCodec.Encode(tick, _scratch);
                FrameFormat.Write(connection.Output, FrameType.Quote, mirror.Sequence, _scratch.AsSpan(0, QuoteCodec.Size));
                wrote = true;
            }
        }

        return wrote;
    }
}
