namespace LowLatency.Fix.Session;

/// <summary>What the session's timer must do now.</summary>
[Flags]
internal enum TimerDue
{
    Nothing = 0,
    SendHeartbeat = 1,
    SendTestRequest = 2,
    CloseNoLogonAnswer = 4,
    CloseNoLogoutAnswer = 8,
    CloseTestRequestUnanswered = 16,
    LogoutEndOfSchedule = 32,
}
