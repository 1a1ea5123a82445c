namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// What each logon waits for before new orders go to the venue: a status answer for every order the journal may
/// have there and, in FIX 4.4, the last report of the mass status. Counted on the session's threads; when complete
/// (or when the venue stays silent past the timeout) <paramref name="complete"/> runs, and the venue publishes a
/// <see cref="Execution.VenueOutcome.Reconciled"/> report behind every answer in the ring, so the trading thread is
/// ready only once it has applied them all. A new logon starts over.
/// </summary>
internal sealed class LogonReconciliation(TimeSpan timeout, Action<int, string?> complete) : IDisposable
{
    private readonly Lock _gate = new();
    private int _logon;
    private int _awaitedStatus;
    private string? _massStatusId;
    private bool _completed = true;
    private int _applied;
    private Timer? _timer;

    /// <summary>Whether the trading thread applied the reconciliation of the current logon (never before the first).</summary>
    public bool Ready
    {
        get
        {
            var logon = Volatile.Read(ref _logon);
            return logon > 0 && Volatile.Read(ref _applied) == logon;
        }
    }

    /// <summary>A logon: <paramref name="statusRequests"/> answers and the mass status <paramref name="massStatusId"/> (null: none) to wait for.</summary>
    public void Begin(int statusRequests, string? massStatusId)
    {
        int logon;
        lock (_gate)
        {
            logon = ++_logon;
            (_awaitedStatus, _massStatusId, _completed) = (statusRequests, massStatusId, false);
            _timer?.Dispose();
            _timer = new Timer(_ => TimedOut(logon), null, timeout, Timeout.InfiniteTimeSpan);
        }

        CompleteIfDone();
    }

    /// <summary>A status request that was not sent, or whose answer (or refusal) came.</summary>
    public void StatusAnswered()
    {
        lock (_gate)
        {
            _awaitedStatus = Math.Max(0, _awaitedStatus - 1);
        }

        CompleteIfDone();
    }

    /// <summary>A report of a mass status (or its refusal: <paramref name="last"/>); the awaited one ends with its last.</summary>
    public void MassStatusAnswered(ReadOnlySpan<byte> id, bool last)
    {
        lock (_gate)
        {
            if (last && _massStatusId is { } awaited && (id.IsEmpty || System.Text.Encoding.ASCII.GetString(id) == awaited))
            {
                _massStatusId = null;
            }
        }

        CompleteIfDone();
    }

    /// <summary>On the trading thread: the <see cref="Execution.VenueOutcome.Reconciled"/> report of <paramref name="logon"/> applied.</summary>
    public void Applied(int logon) => Volatile.Write(ref _applied, logon);

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void CompleteIfDone()
    {
        int logon;
        lock (_gate)
        {
            if (_completed || _awaitedStatus > 0 || _massStatusId is not null)
            {
                return;
            }

            (_completed, logon) = (true, _logon);
            _timer?.Dispose();
            _timer = null;
        }

        complete(logon, null);
    }

    private void TimedOut(int logon)
    {
        string missing;
        lock (_gate)
        {
            if (_completed || logon != _logon)
            {
                return;
            }

            missing = $"{_awaitedStatus} status answers{(_massStatusId is null ? "" : " and the mass status")} missing after {timeout.TotalMilliseconds:0} ms";
            _completed = true;
        }

        complete(logon, missing);
    }
}
