namespace LowLatency.Bridge.Configuration;

/// <summary>
/// Work on workers (<c>Bridge:Work</c>): with <see cref="Nats"/> set, optimiser and API backtests, ML trainings and
/// scans go to the JetStream work queue that <c>./run.sh worker</c> processes pull from; unset (the embedded
/// default), they run in this process on every core.
/// </summary>
public sealed record WorkOptions
{
    /// <summary>The NATS server with JetStream, <c>nats://host:port</c>; null: backtests run here.</summary>
    public string? Nats { get; init; }

    /// <summary>Backtests of one job in flight at once on the queue (enough to keep every worker busy).</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>How long a backtest may wait for a worker to finish it before the job fails, saying to start one.</summary>
    public double TaskTimeoutSeconds { get; init; } = 600;

    /// <summary>How long one series of a scan may wait for a worker: a scan is one request that its caller waits on.</summary>
    public double ScanTimeoutSeconds { get; init; } = 30;
}
