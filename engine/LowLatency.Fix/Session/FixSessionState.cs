namespace LowLatency.Fix.Session;

/// <summary>Where an initiator session is in its life; the wire name is <see cref="FixSessionStates.WireName"/>.</summary>
public enum FixSessionState
{
    /// <summary>Not started, or stopped for good.</summary>
    Stopped,

    /// <summary>Outside the configured schedule: no connection is attempted.</summary>
    OutsideSchedule,

    /// <summary>Opening the TCP (and TLS) connection, or waiting to retry after a failure.</summary>
    Connecting,

    /// <summary>Connected; our Logon is sent and the counterparty's is awaited.</summary>
    LogonSent,

    /// <summary>Logged on: application messages flow.</summary>
    Active,

    /// <summary>Our Logout is sent; waiting for the counterparty's before closing.</summary>
    LogoutSent,
}
