using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.Commands;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Stage 1: stamps the ingest time, clears what later stages write, and refuses malformed ticks and commands
/// (unknown instrument, non-positive or crossed prices, negative size, unknown command) with a reason, so
/// bad input never reaches trading state.
/// </summary>
public sealed class IngestStage(int instrumentCount, bool stampTimes) : IEventHandler<EngineEvent>
{
    private long _refused;

    public long Refused => Volatile.Read(ref _refused);

    public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        if (stampTimes)
        {
            entry.IngestTicks = Stopwatch.GetTimestamp();
        }

        entry.SlotCount = 0;
        entry.RequestCount = 0;
        entry.Error = entry.Kind switch
        {
            EventKind.Tick => CheckTick(entry),
            EventKind.Command => entry.Command.Type is > CommandType.None and <= CommandType.SetRiskBudget ? IngestError.None : IngestError.UnknownCommand,
            EventKind.VenueReport or EventKind.JournalSynced => IngestError.None,
            _ => IngestError.UnknownKind,
        };
        if (entry.Error != IngestError.None)
        {
            Volatile.Write(ref _refused, _refused + 1);
        }
    }

    private IngestError CheckTick(in EngineEvent entry)
    {
        ref readonly var tick = ref entry.Tick;
        if ((uint)tick.InstrumentId >= (uint)instrumentCount)
        {
            return IngestError.UnknownInstrument;
        }

        if (tick.BidTicks <= 0 || tick.AskTicks <= 0 || tick.LastTicks <= 0)
        {
            return IngestError.NonPositivePrice;
        }

        if (tick.BidTicks > tick.AskTicks)
        {
            return IngestError.CrossedQuote;
        }

        if (tick.SizeLots < 0)
        {
            return IngestError.NegativeSize;
        }

        return tick.TimestampMs <= 0 ? IngestError.NonPositiveTimestamp : IngestError.None;
    }
}
