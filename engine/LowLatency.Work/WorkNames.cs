using System.Globalization;

namespace LowLatency.Work;

/// <summary>
/// Where work lives on JetStream: one work-queue stream, <c>LL_TASKS</c>, whose messages each go to one worker of the
/// shared durable consumer and leave the stream when acknowledged; tasks on <c>ll.work.task.KIND.JOB</c> (backtests,
/// ML trainings and scans, a job's own subject); results, each once per task, on
/// <c>ll.work.result.JOB</c>; progress of the tasks that report it on <c>ll.work.progress.JOB</c>; what is too
/// large for a message in the object store <see cref="Objects"/>.
/// </summary>
public static class WorkNames
{
    public const string Stream = "LL_TASKS";

    public const string Consumer = "ll-workers";

    public const string TaskSubjects = "ll.work.task.>";

    /// <summary>The object store bucket of whole results, trained models and large inputs (<see cref="WorkStream.ObjectsAsync"/>).</summary>
    public const string Objects = "LL_WORK_OBJECTS";

    private const string BacktestPrefix = "ll.work.task.backtest.";

    private const string MlPrefix = "ll.work.task.ml.";

    private const string ScanPrefix = "ll.work.task.scan.";

    public static string Tasks(string job) => BacktestPrefix + Checked(job);

    public static string MlTasks(string job) => MlPrefix + Checked(job);

    public static string ScanTasks(string job) => ScanPrefix + Checked(job);

    public static bool IsMlTask(string subject) => subject.StartsWith(MlPrefix, StringComparison.Ordinal);

    public static bool IsScanTask(string subject) => subject.StartsWith(ScanPrefix, StringComparison.Ordinal);

    public static string Results(string job) => "ll.work.result." + Checked(job);

    /// <summary>A task's progress as it runs (<see cref="TaskProgress"/>), at most once per percent.</summary>
    public static string Progress(string job) => "ll.work.progress." + Checked(job);

    public static string MessageId(string job, int task) => string.Create(CultureInfo.InvariantCulture, $"{job}:{task}");

    /// <summary>A job's bars for one window in <see cref="Objects"/>, shared by the tasks on that window.</summary>
    public static string HistoryObject(string job, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Checked(job)}-{from.ToUnixTimeMilliseconds()}-{to.ToUnixTimeMilliseconds()}-history");

    /// <summary>A task's output too large for a message (a whole backtest result, a trained model's files) in <see cref="Objects"/>.</summary>
    public static string OutputObject(string job, int task) => string.Create(CultureInfo.InvariantCulture, $"{Checked(job)}-{task}-output");

    private static string Checked(string job) =>
        job.Length is > 0 and <= 64 && job.All(char.IsAsciiLetterOrDigit) ? job : throw new ArgumentException($"'{job}' is not a job id (letters and digits, up to 64)", nameof(job));
}
