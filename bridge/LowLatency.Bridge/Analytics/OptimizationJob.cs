namespace LowLatency.Bridge.Analytics;

/// <summary>An optimisation run through the API: status, progress 0–1, the best so far, the result or the error; cancellable.</summary>
public sealed class OptimizationJob(string id, OptimizationRequest request) : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    public string Id { get; } = id;

    public OptimizationRequest Request { get; } = request;

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c>, <c>cancelled</c> or <c>failed</c>.</summary>
    public string Status { get; private set; } = "queued";

    public double Progress { get; private set; }

    public object? BestSoFar { get; private set; }

    public object? Result { get; private set; }

    /// <summary>The recommended parameters of a completed run (what <c>apply</c> writes).</summary>
    public IReadOnlyDictionary<string, object>? Recommended { get; private set; }

    public string? Error { get; private set; }

    public int Backtests { get; private set; }

    public CancellationToken Cancellation => _cancel.Token;

    public void Cancel() => _cancel.Cancel();

    public void Dispose() => _cancel.Dispose();

    internal void Running() => Status = "running";

    internal void Report(double progress, int backtests, object? best)
    {
        Progress = Math.Clamp(progress, 0, 1);
        Backtests = backtests;
        BestSoFar = best ?? BestSoFar;
    }

    internal void Complete(object result, IReadOnlyDictionary<string, object> recommended)
    {
        (Result, Recommended, Progress, Status) = (result, recommended, 1, "completed");
    }

    internal void Cancelled() => Status = "cancelled";

    internal void Fail(string error) => (Error, Status) = (error, "failed");
}
