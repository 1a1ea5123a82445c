namespace LowLatency.Fix.Session;

/// <summary>One initiator session's settings. Credentials are given here by the caller, who reads them from the environment.</summary>
public sealed record FixSessionOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary><c>FIX.4.2</c> or <c>FIX.4.4</c>.</summary>
    public string BeginString { get; init; } = "FIX.4.4";

    public required string SenderCompId { get; init; }

    public required string TargetCompId { get; init; }

    public int HeartBtIntSeconds { get; init; } = 30;

    /// <summary>Send ResetSeqNumFlag=Y on every Logon (start both sides at 1), instead of continuing the stored session.</summary>
    public bool ResetOnLogon { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public bool UseTls { get; init; }

    /// <summary>
    /// With TLS: a PEM or DER file holding the certificate authority (or the self-signed certificate) the venue's
    /// certificate must chain to, for a venue outside the system's trust store; null trusts the system's store.
    /// </summary>
    public string? TlsCaFile { get; init; }

    /// <summary>Where the sequence numbers and sent messages are kept; null keeps them in memory only.</summary>
    public string? StoreDirectory { get; init; }

    /// <summary>Flush the store to the disk (fsync) on every message, not only to the operating system.</summary>
    public bool StoreFsync { get; init; }

    /// <summary>How many of the latest sent messages the store keeps for resending (rounded up to a power of two); older ones are gap-filled.</summary>
    public int StoreKeptMessages { get; init; } = 65_536;

    public FixSchedule Schedule { get; init; } = FixSchedule.Always;

    public TimeSpan LogonTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan LogoutTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Give up (state <see cref="FixSessionState.Stopped"/>, the reason in LastEvent) after this many failed attempts in a row; 0 retries for ever.</summary>
    public int MaxConnectAttempts { get; init; }

    /// <summary>A received SendingTime further than this from our clock is rejected and the session logged out (spec: SendingTime accuracy).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The application confirms, with <see cref="FixSession.MarkProcessed"/>, when what it did with each application message is
    /// durable; the stored incoming sequence number never passes an unconfirmed message, so a crash makes the
    /// counterparty resend it. False: a message counts as processed once delivered.
    /// </summary>
    public bool ApplicationConfirmsProcessing { get; init; }

    /// <summary>The session's name in logs and metrics: sender→target.</summary>
    public string Name => $"{SenderCompId}->{TargetCompId}";

    public void Validate()
    {
        if (BeginString is not ("FIX.4.2" or "FIX.4.4"))
        {
            throw new ArgumentException($"BeginString '{BeginString}': FIX.4.2 or FIX.4.4");
        }

        if (string.IsNullOrWhiteSpace(Host) || Port is < 1 or > 65535)
        {
            throw new ArgumentException($"FIX host '{Host}' and port {Port}: a host and a port 1–65535");
        }

        if (string.IsNullOrWhiteSpace(SenderCompId) || string.IsNullOrWhiteSpace(TargetCompId) || SenderCompId.Contains('\u0001') || TargetCompId.Contains('\u0001'))
        {
            throw new ArgumentException("SenderCompID and TargetCompID are required");
        }

        if (HeartBtIntSeconds is < 1 or > 3600)
        {
            throw new ArgumentException($"HeartBtInt {HeartBtIntSeconds}: 1–3600 seconds");
        }

        if (StoreKeptMessages is < 16 or > 1 << 24)
        {
            throw new ArgumentException($"StoreKeptMessages {StoreKeptMessages}: 16–16777216");
        }
    }
}
