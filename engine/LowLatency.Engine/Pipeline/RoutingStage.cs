using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Stage 5: the venue matches working orders against the tick, the risk stage's requests become orders (or
/// recorded rejections), commands execute; every state change is journalled first, and the journal commits at
/// the end of each batch. Records tick→order latency. Live, an <see cref="OrderPathWarmer"/> keeps the order path hot between orders.
/// </summary>
public sealed class RoutingStage(TradingCore core, PipelineLatency? latency, OrderPathWarmer? warmer = null, LatestValues<Tick>? quotes = null, MinuteBars? minuteBars = null) : IEventHandler<EngineEvent>
{
    public long OrdersRouted { get; private set; }

    public void OnEvent(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        if (entry.Error == IngestError.None)
        {
            if (entry.Kind == EventKind.Tick)
            {
                core.MatchQuote(entry.Tick);
                quotes?.Write(entry.Tick.InstrumentId, entry.Tick);
                minuteBars?.OnTick(entry.Tick);
                for (var i = 0; i < entry.RequestCount; i++)
                {
                    ref readonly var request = ref entry.Requests[i];
                    core.Route(request, entry.TimeMs);
                    if (request.Verdict == RejectReason.None)
                    {
                        OrdersRouted++;
                        if (latency is not null)
                        {
                            PipelineLatency.Record(latency.TickToOrder, entry.ArrivalTicks, Stopwatch.GetTimestamp());
                        }
                    }
                }
            }
            else if (entry.Kind == EventKind.Command)
            {
                core.Execute(entry.Command, entry.TimeMs);
            }
            else if (entry.Kind == EventKind.VenueReport)
            {
                core.ApplyVenueReport(entry.Report);
            }
            else if (entry.Kind == EventKind.JournalSynced)
            {
                core.OnJournalSynced(entry.JournalPosition);
            }
        }

        if (latency is not null)
        {
            entry.RoutedTicks = Stopwatch.GetTimestamp();
            if (entry.Kind == EventKind.Tick)
            {
                PipelineLatency.Record(latency.TickToRouted, entry.ArrivalTicks, entry.RoutedTicks);
            }
        }

        if (endOfBatch)
        {
            core.Commit();
            warmer?.MaybeWarm(Stopwatch.GetTimestamp(), entry.TimeMs);
        }
    }
}
