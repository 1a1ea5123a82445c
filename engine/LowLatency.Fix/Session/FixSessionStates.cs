namespace LowLatency.Fix.Session;

/// <summary>The one place a session state's wire name (health, metrics, API) is spelled.</summary>
public static class FixSessionStates
{
    public static string WireName(this FixSessionState state) => state switch
    {
        FixSessionState.Stopped => "stopped",
        FixSessionState.OutsideSchedule => "outside_schedule",
        FixSessionState.Connecting => "connecting",
        FixSessionState.LogonSent => "logon_sent",
        FixSessionState.Active => "active",
        FixSessionState.LogoutSent => "logout_sent",
        _ => "unknown",
    };
}
