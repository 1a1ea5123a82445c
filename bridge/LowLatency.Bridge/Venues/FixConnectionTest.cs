using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Bridge.Venues;

/// <summary>
/// The Settings page's "test connection" for a FIX session: a real logon to the host (sequence numbers reset,
/// nothing stored), a TestRequest that must come back as a Heartbeat, and a Logout. The answer says which step
/// failed and why; credentials are used for the logon only and never kept or echoed.
/// </summary>
internal static class FixConnectionTest
{
    public static async Task<(bool Connected, string Message)> RunAsync(FixSessionOptions options, TimeSpan timeout)
    {
        var probe = options with
        {
            ResetOnLogon = true, StoreDirectory = null, MaxConnectAttempts = 1, LogonTimeout = timeout,
            HeartBtIntSeconds = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        var target = $"{options.Host}:{options.Port} as {options.SenderCompId}→{options.TargetCompId} ({options.BeginString})";
        await using var session = new FixSession(probe, new Silent());
        session.Start();
        if (!await session.WaitForAsync(s => s is FixSessionState.Active or FixSessionState.Stopped, timeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false)
            || session.State != FixSessionState.Active)
        {
            var why = session.State == FixSessionState.LogonSent ? "no Logon answer" : session.LastEvent;
            return (false, $"No FIX session with {target}: {why}.");
        }

        var id = $"LL-TEST-{Environment.TickCount64}";
        session.SendTestRequest(id);
        var deadline = DateTime.UtcNow + timeout;
        while (session.TestRequestPending && session.State == FixSessionState.Active && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        if (session.TestRequestPending || session.State != FixSessionState.Active)
        {
            return (false, $"Logged on to {target}, but the TestRequest was not answered: {session.LastEvent}.");
        }

        await session.StopAsync().ConfigureAwait(false);
        return (true, $"Logged on to {target}; a TestRequest was answered with a Heartbeat; logged out ({session.LastEvent}).");
    }

    private sealed class Silent : IFixApplication
    {
        public void OnLogon(FixSession session)
        {
        }

        public void OnLogout(FixSession session, string reason)
        {
        }

        public void FromApp(FixSession session, in FixMessageView message, ReadOnlySpan<byte> msgType, long seq, long token)
        {
        }

        public void OnSessionReject(FixSession session, long refSeq, string text)
        {
        }
    }
}
