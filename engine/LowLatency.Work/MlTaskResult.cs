namespace LowLatency.Work;

/// <summary>
/// What a worker made of a training: where the model's files wait in the object store (<see cref="WorkNames.OutputObject"/>,
/// file name → bytes), or the model's metadata alone when the task asked only for that, or why there is none (the
/// candles do not make a training set, or are gone).
/// </summary>
public sealed record MlTaskResult(string Job, int Task, string? ModelObject, string? Error, string Worker)
{
    public Analytics.Ml.MlMetadata? Metadata { get; init; }
}
