namespace LowLatency.Bridge.Configuration;

/// <summary>The bridge's settings (section <c>Bridge</c> of its configuration; environment variables <c>Bridge__*</c>).</summary>
public sealed record BridgeOptions
{
    /// <summary>Where Kestrel listens.</summary>
    public string Url { get; init; } = "http://127.0.0.1:5000";

    /// <summary>The engine's link port on loopback (engine.json <c>ipc.port</c>).</summary>
    public int EnginePort { get; init; } = 5010;

    /// <summary>The link secret the engine checks, when given directly (environment <c>Bridge__EngineSecret</c>); else <c>LL_LINK_SECRET</c>, else <see cref="EngineSecretFile"/>.</summary>
    public string? EngineSecret { get; init; }

    /// <summary>The engine's <c>link.secret</c> file; default: in <see cref="DataDirectory"/>, where the engine of <c>./run.sh</c> writes it.</summary>
    public string? EngineSecretFile { get; init; }

    /// <summary>The link secret as configured, read anew on each call (the engine may create its file after the bridge starts).</summary>
    public byte[]? ResolveEngineSecret() =>
        EngineSecret is { Length: > 0 } given ? System.Text.Encoding.UTF8.GetBytes(given)
        : LowLatency.Ipc.LinkSecret.FromEnvironment() ?? LowLatency.Ipc.LinkSecret.Read(EngineSecretFile ?? Path.Combine(DataDirectory, LowLatency.Ipc.LinkSecret.FileName));

    /// <summary>The engine configuration (for the account and risk settings the read model mirrors).</summary>
    public string EngineConfig { get; init; } = "config/engine.json";

    public string Instruments { get; init; } = "config/instruments.json";

    /// <summary>The aspect table of the astro analysis (missing file: the built-in default, the same table).</summary>
    public string AstroConfig { get; init; } = "config/astro.json";

    /// <summary>Where the history database lives (<c>bridge/history.db</c> under it); default <c>LL_DATA_DIR</c>, else <c>data</c>.</summary>
    public string DataDirectory { get; init; } = Environment.GetEnvironmentVariable("LL_DATA_DIR") ?? "data";

    /// <summary>Strategy files for backtests run through the API.</summary>
    public string Strategies { get; init; } = "config/strategies";

    /// <summary>Seed of the synthetic history used where no stored bars exist (labelled <c>synthetic</c>).</summary>
    public int SyntheticSeed { get; init; } = 42;

    /// <summary>Most bars one market-data request may return.</summary>
    public int MaxBarsPerRequest { get; init; } = 5000;

    /// <summary>How long a market-data request waits for the live bars queued before it to be written (the history store may be a database that is away).</summary>
    public double HistoryFlushTimeoutSeconds { get; init; } = 5;

    /// <summary>How long a trading command may wait for the engine's answer.</summary>
    public double CommandTimeoutSeconds { get; init; } = 5;

    /// <summary>POST/PUT/DELETE requests per second per client address before 429.</summary>
    public int MutatingRequestsPerSecond { get; init; } = 20;

    /// <summary>Largest request body accepted.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Where optimiser backtests run: here, or on workers over NATS.</summary>
    public WorkOptions Work { get; init; } = new();

    /// <summary>The bridge's place in a cluster: the shared read side and orders to the shards.</summary>
    public ClusterOptions Cluster { get; init; } = new();
}
