namespace LowLatency.Engine.Host.Configuration;

/// <summary>One FIX initiator session in <c>engine.json</c>. The store lives under the data directory (<c>fix/</c>).</summary>
public sealed record FixSessionConfig
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    public string BeginString { get; init; } = "FIX.4.4";

    public string SenderCompId { get; init; } = "";

    public string TargetCompId { get; init; } = "";

    public int HeartBtInt { get; init; } = 30;

    public bool ResetOnLogon { get; init; }

    public bool Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: the venue's certificate authority (PEM or DER file), when it is not in the system's trust store.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>The environment variable holding the logon username (tag 553), if the venue wants one.</summary>
    public string? UsernameEnv { get; init; }

    /// <summary>The environment variable holding the logon password (tag 554).</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>UTC session window <c>HH:mm</c>; equal start and end (the default) is always open.</summary>
    public string Start { get; init; } = "00:00";

    public string End { get; init; } = "00:00";

    /// <summary>Days the window opens on: <c>Mon-Fri</c>, <c>Sun,Mon</c> …</summary>
    public string Days { get; init; } = "Sun-Sat";

    /// <summary>What our ClOrdIDs start with, before the engine's order id.</summary>
    public string ClOrdIdPrefix { get; init; } = "LL";

    /// <summary>How often a cancel the venue refuses (the order still working) is sent again (0–100).</summary>
    public int CancelRetries { get; init; } = 3;

    /// <summary>Milliseconds between those attempts (0–60,000).</summary>
    public int CancelRetryDelayMs { get; init; } = 500;

    /// <summary>At most how long new orders wait, after each logon, for the venue's answers to the reconciliation (100–600,000 ms).</summary>
    public int ReconcileTimeoutMs { get; init; } = 5000;

    /// <summary>
    /// How long the venue's sender thread spins for the next order after each one before it parks (0–100,000 µs;
    /// 0, the default, parks at once). Spinning saves the scheduler's wake-up only where the thread has a core of its own.
    /// </summary>
    public int SenderSpinUs { get; init; }

    /// <summary>A NewOrderSingle older than this when the venue asks for it again is gap-filled and cancelled there, not resent (0 resends every one).</summary>
    public int StaleOrderMs { get; init; } = 10_000;
}
