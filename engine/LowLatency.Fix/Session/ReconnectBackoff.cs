namespace LowLatency.Fix.Session;

/// <summary>
/// How long the initiator waits before its next connection attempt: the initial delay after a session that
/// logged on, doubling (up to the maximum) after each attempt that did not; no further attempt once
/// <see cref="FixSessionOptions.MaxConnectAttempts"/> failed in a row (0: for ever).
/// </summary>
internal sealed class ReconnectBackoff(FixSessionOptions options)
{
    private TimeSpan _delay = options.ReconnectInitialDelay;
    private int _failures;

    /// <summary>The wait after an attempt, or null when the attempts are used up.</summary>
    public TimeSpan? After(bool loggedOn)
    {
        if (loggedOn)
        {
            _failures = 0;
            _delay = options.ReconnectInitialDelay;
            return _delay;
        }

        if (options.MaxConnectAttempts > 0 && ++_failures >= options.MaxConnectAttempts)
        {
            return null;
        }

        _delay = TimeSpan.FromTicks(Math.Min(_delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
        return _delay;
    }
}
