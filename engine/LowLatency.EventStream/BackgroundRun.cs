namespace LowLatency.EventStream;

/// <summary>
/// A component's one task beside the threads that use it (the journal and mark publishers, a projector, the marks
/// watcher, the risk-budget coordinator): started once, stopped by cancelling its token and waiting for it, so a
/// disposed component has nothing of its left running.
/// </summary>
public sealed class BackgroundRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;
    private int _disposed;

    /// <summary>Runs <paramref name="run"/> on the thread pool until its token is cancelled; a second start does nothing.</summary>
    public void Start(Func<CancellationToken, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var stop = _stop.Token;
        _run ??= Task.Run(() => run(stop));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_run is not null)
        {
            await _run.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
