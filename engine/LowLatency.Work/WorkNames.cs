using System.Globalization;

namespace LowLatency.Work;

/// <summary>
/// Where work lives on JetStream: one work-queue stream, <c>LL_WORK</c>, whose messages each go to one worker of the
/// shared durable consumer and leave the stream when acknowledged; tasks on <c>ll.work.backtest.JOB</c> (a job's
/// own subject, so cancelling purges exactly its tasks); results, each once per task, on <c>ll.work.result.JOB</c>;
/// progress of the tasks that report it on <c>ll.work.progress.JOB</c>.
/// </summary>
public static class WorkNames
{
    public const string Stream = "LL_WORK";

    public const string Consumer = "ll-workers";

    public const string TaskSubjects = "ll.work.backtest.>";

    /// <summary>The object store bucket of whole results (<see cref="WorkStream.ObjectsAsync"/>).</summary>
    public const string Objects = "LL_WORK_OBJECTS";

    /// <summary>A job's bars for one window in <see cref="Objects"/>, shared by the tasks on that window.</summary>
    public static string HistoryObject(string job, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Checked(job)}-{from.ToUnixTimeMilliseconds()}-{to.ToUnixTimeMilliseconds()}-history");

    /// <summary>A task's whole result in <see cref="Objects"/>.</summary>
    public static string ResultObject(string job, int task) => string.Create(CultureInfo.InvariantCulture, $"{Checked(job)}-{task}-result");

    public static string Tasks(string job) => "ll.work.backtest." + Checked(job);

    public static string Results(string job) => "ll.work.result." + Checked(job);

    /// <summary>A whole-result task's progress as it runs (<see cref="BacktestProgress"/>), at most once per percent.</summary>
    public static string Progress(string job) => "ll.work.progress." + Checked(job);

    public static string MessageId(string job, int task) => string.Create(CultureInfo.InvariantCulture, $"{job}:{task}");

    private static string Checked(string job) =>
        job.Length is > 0 and <= 64 && job.All(char.IsAsciiLetterOrDigit) ? job : throw new ArgumentException($"'{job}' is not a job id (letters and digits, up to 64)", nameof(job));
}
