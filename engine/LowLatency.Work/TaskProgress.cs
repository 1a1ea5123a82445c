namespace LowLatency.Work;

/// <summary>How far a worker has got with a whole-result task, 0 to 1 (a plain NATS message: one lost is replaced by the next).</summary>
public sealed record TaskProgress(string Job, int Task, double Done);
