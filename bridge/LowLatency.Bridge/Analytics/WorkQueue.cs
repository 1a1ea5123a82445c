using LowLatency.Bridge.Configuration;
using LowLatency.Work;
using Microsoft.Extensions.Options;
using NATS.Client.Core;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// The bridge's way to the workers when <c>Bridge:Work:Nats</c> is set: one NATS connection, opened on the first
/// job (a bridge starts and serves without NATS), and a <see cref="RemoteWorkJob"/> per optimisation job.
/// </summary>
public sealed class WorkQueue(IOptions<BridgeOptions> options) : IAsyncDisposable
{
    private readonly WorkOptions _work = options.Value.Work;
    private NatsConnection? _nats;

    /// <summary>Whether backtests go to workers.</summary>
    public bool Enabled => _work.Nats is not null;

    public int Parallelism => Math.Max(1, _work.Parallelism);

    public async Task<RemoteWorkJob> OpenJobAsync(string job, CancellationToken cancellation)
    {
        var nats = _nats ??= new NatsConnection(new NatsOpts { Url = _work.Nats ?? throw new InvalidOperationException("Bridge:Work:Nats is not set"), Name = "ll-bridge-work" });
        await nats.ConnectAsync().ConfigureAwait(false);
        return await RemoteWorkJob.OpenAsync(nats, job, TimeSpan.FromSeconds(_work.TaskTimeoutSeconds), cancellation).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nats is not null)
        {
            await _nats.DisposeAsync().ConfigureAwait(false);
        }
    }
}
