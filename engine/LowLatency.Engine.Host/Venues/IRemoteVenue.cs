using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Venues;

/// <summary>A venue outside the engine (a FIX session, an exchange's API): what the host starts, stops, routes to and reports on.</summary>
public interface IRemoteVenue : IVenue, IDisposable
{
    string Name { get; }

    /// <summary>The instruments this venue trades.</summary>
    IReadOnlyCollection<int> Instruments { get; }

    /// <summary>The highest incarnation the venue's own record shows in ids it sent (0 when it keeps none): the next is above it.</summary>
    int HighestIncarnationSent { get; }

    /// <summary>Whether the reconciliation of the current connection is applied, so new orders go to the venue.</summary>
    bool Reconciled { get; }

    /// <summary>Connects; reports found at start-up enter the ring now.</summary>
    void Start(RingBuffer<EngineEvent> ring);

    void Stop();

    /// <summary>The figures for the status line, health and metrics (latencies over the interval since the last call).</summary>
    LowLatency.Ipc.VenueStats Stats();
}
