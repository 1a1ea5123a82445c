namespace LowLatency.Bridge.Analytics;

/// <summary>A backtest run through the API: its request, progress (0–1), and the report or the error.</summary>
public sealed class BacktestJob(string id, BacktestRequest request)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public BacktestRequest Request { get; } = request;

    public DateTimeOffset Created { get; } = DateTimeOffset.UtcNow;

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public string Status { get; private set; } = "queued";

    public double Progress { get; private set; }

    public object? Report { get; private set; }

    public string? Error { get; private set; }

    public Task Completion => _done.Task;

    internal void Running() => Status = "running";

    /// <summary>Only ever grows: a task that a worker starts again after another died reports from 0 again.</summary>
    internal void ReportProgress(double progress) => Progress = Math.Max(Progress, Math.Clamp(progress, 0, 1));

    internal void Complete(object report)
    {
        Report = report;
        Progress = 1;
        Status = "completed";
        _done.TrySetResult();
    }

    internal void Fail(string error)
    {
        Error = error;
        Status = "failed";
        _done.TrySetResult();
    }
}
