using System.Collections.Concurrent;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.Work;

/// <summary>
/// A job's backtests run by the workers: each task goes into the work queue (deduplicated by job and task id) and
/// its caller waits for the first result of that task on the job's result subject; a second result (the task ran
/// again after a worker died) is dropped. No result within the task timeout is an error that says to start a
/// worker. Disposing the job purges what no worker has taken yet, so a cancelled job leaves nothing queued, and
/// deletes the bars it put in the object store for tasks too large for a message. A task that reports progress
/// has it handed to its caller as it comes; a whole result waits in the object store until taken.
/// </summary>
public sealed class RemoteBacktestJob : IAsyncDisposable
{
    private readonly INatsConnection _nats;
    private readonly NatsJSContext _js;
    private readonly INatsSub<byte[]> _results;
    private readonly TimeSpan _taskTimeout;
    private readonly INatsSub<byte[]> _progressOf;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<BacktestTaskResult>> _pending = new();
    private readonly ConcurrentDictionary<int, Action<double>> _progress = new();
    private readonly ConcurrentDictionary<string, Lazy<Task>> _histories = new();
    private readonly Task _reading;
    private readonly Task _readingProgress;
    private int _nextTask;

    private RemoteBacktestJob(INatsConnection nats, string job, INatsSub<byte[]> results, INatsSub<byte[]> progress, TimeSpan taskTimeout)
    {
        (_nats, Id, _results, _progressOf, _taskTimeout) = (nats, job, results, progress, taskTimeout);
        _js = new NatsJSContext(nats);
        _reading = Task.Run(ReadAsync);
        _readingProgress = Task.Run(ReadProgressAsync);
    }

    public string Id { get; }

    /// <summary>Results that came again for a task already answered (a redelivered task).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Subscribes to the job's results before any task is queued, so none can be missed.</summary>
    public static async Task<RemoteBacktestJob> OpenAsync(INatsConnection nats, string job, TimeSpan taskTimeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(nats);
        await WorkStream.EnsureStreamAsync(new NatsJSContext(nats), cancellation).ConfigureAwait(false);
        var results = await nats.SubscribeCoreAsync<byte[]>(WorkNames.Results(job), cancellationToken: cancellation).ConfigureAwait(false);
        var progress = await nats.SubscribeCoreAsync<byte[]>(WorkNames.Progress(job), cancellationToken: cancellation).ConfigureAwait(false);
        await nats.PingAsync(cancellation).ConfigureAwait(false); // the server has the subscriptions once it answers
        return new RemoteBacktestJob(nats, job, results, progress, taskTimeout);
    }

    /// <summary>A task id unique within the job.</summary>
    public int NextTask() => Interlocked.Increment(ref _nextTask);

    /// <summary>Queues the task and waits for its result.</summary>
    /// <param name="progress">Told how far the worker has got, for a task that reports it (<see cref="BacktestTask.WholeResult"/>).</param>
    /// <exception cref="TimeoutException">No worker finished it within the task timeout.</exception>
    public async Task<BacktestTaskResult> RunAsync(BacktestTask task, CancellationToken cancellation, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var answer = new TaskCompletionSource<BacktestTaskResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(task.Task, answer))
        {
            throw new ArgumentException($"task {task.Task} of job {Id} is already waiting", nameof(task));
        }

        if (progress is not null)
        {
            _progress[task.Task] = progress;
        }

        try
        {
            var ack = await _js.PublishAsync(WorkNames.Tasks(Id), await EncodeAsync(task, cancellation).ConfigureAwait(false), opts: new NatsJSPubOpts { MsgId = WorkNames.MessageId(Id, task.Task) },
                cancellationToken: cancellation).ConfigureAwait(false);
            ack.EnsureSuccess();
            return await answer.Task.WaitAsync(_taskTimeout, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no worker finished task {task.Task} of job {Id} within {_taskTimeout.TotalSeconds:0} s: is a worker running (./run.sh worker)?");
        }
        finally
        {
            _pending.TryRemove(task.Task, out _);
            _progress.TryRemove(task.Task, out _);
        }
    }

    /// <summary>
    /// The task as a message; bars that would take it past half the server's <c>max_payload</c> go into the object
    /// store instead, once per window of the job, and the task names them.
    /// </summary>
    private async Task<byte[]> EncodeAsync(BacktestTask task, CancellationToken cancellation)
    {
        var bytes = WorkJson.Encode(task);
        if (task.History is not { } history || bytes.Length <= (_nats.ServerInfo?.MaxPayload ?? 1 << 20) / 2)
        {
            return bytes;
        }

        var name = WorkNames.HistoryObject(Id, task.From, task.To);
        await _histories.GetOrAdd(name, n => new Lazy<Task>(async () =>
        {
            var objects = await WorkStream.ObjectsAsync(_js, cancellation).ConfigureAwait(false);
            await objects.PutAsync(n, WorkJson.Encode(history), cancellation).ConfigureAwait(false);
        })).Value.ConfigureAwait(false);
        return WorkJson.Encode(task with { History = null, HistoryObject = name });
    }

    /// <summary>A whole result a worker left in the object store (<see cref="BacktestTaskResult.ResultObject"/>), taken out of it.</summary>
    public async Task<Engine.Backtest.BacktestResult> TakeWholeResultAsync(BacktestTaskResult result, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = result.ResultObject ?? throw new InvalidOperationException(result.Refused ?? $"worker {result.Worker} left no whole result for task {result.Task} of job {Id}");
        var objects = await WorkStream.ObjectsAsync(_js, cancellation).ConfigureAwait(false);
        var bytes = await objects.GetBytesAsync(name, cancellation).ConfigureAwait(false);
        await objects.DeleteAsync(name, cancellation).ConfigureAwait(false);
        return WorkJson.Decode<Engine.Backtest.BacktestResult>(bytes, out var problem) ?? throw new InvalidOperationException($"the whole result of task {result.Task} of job {Id} does not read: {problem}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _js.PurgeStreamAsync(WorkNames.Stream, new StreamPurgeRequest { Filter = WorkNames.Tasks(Id) }).ConfigureAwait(false);
        }
        catch (NatsException)
        {
            // NATS away: what is queued runs and its results go nowhere; nothing is wrong with the job's own result
        }

        try
        {
            if (!_histories.IsEmpty)
            {
                var objects = await WorkStream.ObjectsAsync(_js, CancellationToken.None).ConfigureAwait(false);
                foreach (var name in _histories.Keys)
                {
                    await objects.DeleteAsync(name).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is NatsException or NATS.Client.ObjectStore.NatsObjException)
        {
            // left behind: the bucket's max age removes them
        }

        await _results.DisposeAsync().ConfigureAwait(false);
        await _progressOf.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        await _readingProgress.ConfigureAwait(false);
    }

    private async Task ReadProgressAsync()
    {
        await foreach (var message in _progressOf.Msgs.ReadAllAsync().ConfigureAwait(false))
        {
            if (WorkJson.Decode<BacktestProgress>(message.Data ?? [], out _) is { } progress && progress.Job == Id && _progress.TryGetValue(progress.Task, out var report))
            {
                report(progress.Done);
            }
        }
    }

    private async Task ReadAsync()
    {
        await foreach (var message in _results.Msgs.ReadAllAsync().ConfigureAwait(false))
        {
            if (WorkJson.Decode<BacktestTaskResult>(message.Data ?? [], out _) is not { } result || result.Job != Id)
            {
                continue; // not ours to read: the requester waits on its own tasks' results
            }

            if (_pending.TryRemove(result.Task, out var answer))
            {
                answer.TrySetResult(result);
            }
            else
            {
                Duplicates++; // again after a redelivery, or after its caller stopped waiting
            }
        }
    }
}
