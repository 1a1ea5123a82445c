using LowLatency.Bridge.Configuration;
using LowLatency.Work;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// The bridge's way to the workers when <c>Bridge:Work:Nats</c> is set: one NATS connection, opened on the first
/// job (a bridge starts and serves without NATS), and a <see cref="RemoteWorkJob"/> per job.
/// </summary>
public sealed class WorkQueue(IOptions<BridgeOptions> options) : IAsyncDisposable
{
    private readonly WorkOptions _work = options.Value.Work;
    private NatsConnection? _nats;

    /// <summary>Whether backtests go to workers.</summary>
    public bool Enabled => _work.Nats is not null;

    public int Parallelism => Math.Max(1, _work.Parallelism);

    /// <summary>How long a scan's series waits for a worker (<see cref="WorkOptions.ScanTimeoutSeconds"/>).</summary>
    public TimeSpan ScanTimeout => TimeSpan.FromSeconds(_work.ScanTimeoutSeconds);

    /// <param name="taskTimeout">How long each task may wait for a worker; <see cref="WorkOptions.TaskTimeoutSeconds"/> when null.</param>
    public async Task<RemoteWorkJob> OpenJobAsync(string job, CancellationToken cancellation, TimeSpan? taskTimeout = null)
    {
        var nats = Connection();
        await nats.ConnectAsync().ConfigureAwait(false);
        return await RemoteWorkJob.OpenAsync(nats, job, taskTimeout ?? TimeSpan.FromSeconds(_work.TaskTimeoutSeconds), cancellation).ConfigureAwait(false);
    }

    /// <summary>The one connection, whichever of concurrent first jobs (two scans at once) makes it.</summary>
    private NatsConnection Connection()
    {
        if (Volatile.Read(ref _nats) is { } made)
        {
            return made;
        }

        var created = new NatsConnection(new NatsOpts { Url = _work.Nats ?? throw new InvalidOperationException("Bridge:Work:Nats is not set"), Name = "ll-bridge-work" });
        if (Interlocked.CompareExchange(ref _nats, created, null) is { } other)
        {
            created.DisposeAsync().AsTask().GetAwaiter().GetResult(); // never connected: nothing to wait for
            return other;
        }

        return created;
    }

    public async ValueTask DisposeAsync()
    {
        if (_nats is not null)
        {
            await _nats.DisposeAsync().ConfigureAwait(false);
        }
    }
}
