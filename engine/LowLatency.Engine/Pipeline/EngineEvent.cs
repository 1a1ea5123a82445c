using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// A ring entry of the trading pipeline: a tick or a command as a producer published it, then what each stage
/// added (strategy features and signals, order requests) and when (Stopwatch timestamps per stage boundary).
/// Pre-allocated and reused; producers set <see cref="Kind"/>, the payload and <see cref="PublishedTicks"/>.
/// </summary>
public struct EngineEvent
{
    public EventKind Kind;
    public Tick Tick;
    public Command Command;
    public VenueReport Report;

    /// <summary>A <see cref="EventKind.JournalSynced"/> event's position.</summary>
    public long JournalPosition;

    public long PublishedTicks;
    public long IngestTicks;
    public long IndicatorTicks;
    public long SignalTicks;
    public long RiskTicks;
    public long RoutedTicks;

    public IngestError Error;
    public int SlotCount;
    public StrategySlots Slots;
    public int RequestCount;
    public OrderRequests Requests;

    /// <summary>When the event entered the engine: its publish time, else (no publisher stamp) its ingest time.</summary>
    public readonly long ArrivalTicks => PublishedTicks != 0 ? PublishedTicks : IngestTicks;

    /// <summary>Event time (ms since the Unix epoch): the tick's timestamp, or a command's arrival time.</summary>
    public long TimeMs;

    /// <summary>Writes a tick into a (reused) entry.</summary>
    public void SetTick(in Tick tick, long publishedTicks)
    {
        Kind = EventKind.Tick;
        Tick = tick;
        TimeMs = tick.TimestampMs;
        PublishedTicks = publishedTicks;
    }

    /// <summary>Writes a venue report into a (reused) entry.</summary>
    public void SetVenueReport(in VenueReport report, long publishedTicks)
    {
        Kind = EventKind.VenueReport;
        Report = report;
        TimeMs = report.TimeMs;
        PublishedTicks = publishedTicks;
    }

    /// <summary>Writes the journal's sync position into a (reused) entry.</summary>
    public void SetJournalSynced(long position, long timeMs, long publishedTicks)
    {
        Kind = EventKind.JournalSynced;
        JournalPosition = position;
        TimeMs = timeMs;
        PublishedTicks = publishedTicks;
    }

    /// <summary>Writes a command into a (reused) entry.</summary>
    public void SetCommand(in Command command, long timeMs, long publishedTicks)
    {
        Kind = EventKind.Command;
        Command = command;
        TimeMs = timeMs;
        PublishedTicks = publishedTicks;
    }
}
