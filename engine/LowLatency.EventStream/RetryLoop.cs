namespace LowLatency.EventStream;

/// <summary>
/// The rounds of a component that follows a server (the journal's publisher, a shard's projector): a round that
/// fails is retried after a pause that doubles up to a ceiling, and a round that made progress before it failed
/// starts the pauses over, so a server back after a long absence is not waited for at the longest pause.
/// </summary>
public static class RetryLoop
{
    /// <param name="round">One round: it returns or throws when it can go no further.</param>
    /// <param name="progressed">Whether the round just ended had made progress (read and reset by the caller's side).</param>
    /// <param name="failed">Told what a round met; false stops the loop for good (a fault no retry mends).</param>
    public static async Task RunAsync(Func<CancellationToken, Task> round, Func<bool> progressed, Func<Exception, bool> failed, TimeSpan first, TimeSpan ceiling, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(progressed);
        ArgumentNullException.ThrowIfNull(failed);
        var pause = first;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await round(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stop.IsCancellationRequested && e is not (OutOfMemoryException or InsufficientExecutionStackException))
            {
                if (!failed(e))
                {
                    return;
                }
            }

            if (progressed())
            {
                pause = first;
            }

            try
            {
                await Task.Delay(pause, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, ceiling.TotalMilliseconds));
        }
    }
}
