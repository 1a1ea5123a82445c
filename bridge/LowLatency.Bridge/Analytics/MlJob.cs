using LowLatency.Analytics.Ml;

namespace LowLatency.Bridge.Analytics;

/// <summary>A training run through the API: status, progress 0–1, and the trained model's metadata or the error.</summary>
public sealed class MlJob(string id, string symbol, string timeframe)
{
    private readonly TaskCompletionSource<MlModel?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public string Symbol { get; } = symbol;

    public string Timeframe { get; } = timeframe;

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public string Status { get; private set; } = "queued";

    public double Progress { get; private set; }

    public MlMetadata? Metadata { get; private set; }

    /// <summary>What a job other than a training run produced (an auto-tune's trials and best settings).</summary>
    public object? Result { get; private set; }

    public string? Error { get; private set; }

    public Task<MlModel?> Completion => _done.Task;

    internal void Running() => Status = "running";

    internal void ReportProgress(double progress) => Progress = Math.Clamp(progress, 0, 1);

    internal void Complete(MlModel model)
    {
        (Metadata, Progress, Status) = (model.Metadata, 1, "completed");
        _done.TrySetResult(model);
    }

    internal void Complete(object result)
    {
        (Result, Progress, Status) = (result, 1, "completed");
        _done.TrySetResult(null);
    }

    internal void Fail(string error)
    {
        (Error, Status) = (error, "failed");
        _done.TrySetResult(null);
    }
}
