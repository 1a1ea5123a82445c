namespace LowLatency.Fix.Session;

/// <summary>
/// One connection's clocks (milliseconds, monotonic) and the decisions the spec ties to them: a Heartbeat when we
/// have been quiet for an interval, a TestRequest when the counterparty has been quiet for a little more, the
/// connection dropped when that goes unanswered for an interval, and the Logon and Logout answers awaited no
/// longer than their timeouts. Used under the session's lock.
/// </summary>
internal sealed class HeartbeatMonitor(FixSessionOptions options)
{
    private readonly long _interval = options.HeartBtIntSeconds * 1000L;
    private long _lastSent;
    private long _lastReceived;
    private long _connected;
    private long _testRequestSent;
    private long _logoutSent;

    /// <summary>The TestRequest awaiting its Heartbeat, if any.</summary>
    public string? PendingTestRequest { get; private set; }

    public void Connected(long now)
    {
        _connected = _lastReceived = _lastSent = now;
        PendingTestRequest = null;
    }

    public void Sent(long now) => _lastSent = now;

    public void Received(long now) => _lastReceived = now;

    public void TestRequestSent(string id, long now)
    {
        PendingTestRequest = id;
        _testRequestSent = now;
    }

    /// <summary>A Heartbeat with <paramref name="testReqId"/> arrived: it clears the TestRequest it answers.</summary>
    public void HeartbeatReceived(ReadOnlySpan<byte> testReqId)
    {
        if (PendingTestRequest is not null && testReqId.Length == PendingTestRequest.Length && System.Text.Encoding.ASCII.GetString(testReqId) == PendingTestRequest)
        {
            PendingTestRequest = null;
        }
    }

    public void LogoutSent(long now) => _logoutSent = now;

    public TimerDue Due(long now, FixSessionState state, bool scheduleOpen)
    {
        switch (state)
        {
            case FixSessionState.LogonSent when now - _connected > options.LogonTimeout.TotalMilliseconds:
                return TimerDue.CloseNoLogonAnswer;
            case FixSessionState.LogoutSent when now - _logoutSent > options.LogoutTimeout.TotalMilliseconds:
                return TimerDue.CloseNoLogoutAnswer;
            case FixSessionState.Active:
                break;
            default:
                return TimerDue.Nothing;
        }

        if (!scheduleOpen)
        {
            return TimerDue.LogoutEndOfSchedule;
        }

        if (PendingTestRequest is not null && now - _testRequestSent > _interval)
        {
            return TimerDue.CloseTestRequestUnanswered;
        }

        var due = TimerDue.Nothing;
        if (PendingTestRequest is null && now - _lastReceived > _interval * 12 / 10)
        {
            due |= TimerDue.SendTestRequest;
        }

        if (now - _lastSent >= _interval)
        {
            due |= TimerDue.SendHeartbeat;
        }

        return due;
    }
}
