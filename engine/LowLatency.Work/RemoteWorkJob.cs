using System.Collections.Concurrent;
using LowLatency.Engine.Backtest;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.ObjectStore;

namespace LowLatency.Work;

/// <summary>
/// A job's tasks (backtests, ML trainings, scans) run by the workers: each task goes into the work queue (deduplicated by
/// job and task id) and its caller waits for the first result of that task on the job's result subject; a second
/// result (the task ran again after a worker died) is dropped. No result within the task timeout is an error that
/// says to start a worker. A task that reports progress has it handed to its caller as it comes. Inputs that would
/// take a message past half the server's <c>max_payload</c> go into the object store, and outputs too large for one
/// wait there until taken. Disposing the job deletes what no worker has taken yet, so a cancelled job leaves nothing
/// queued, and deletes the inputs it put in the object store.
/// </summary>
public sealed class RemoteWorkJob : IAsyncDisposable
{
    private readonly INatsConnection _nats;
    private readonly NatsJSContext _js;
    private readonly INatsSub<byte[]> _results;
    private readonly TimeSpan _taskTimeout;
    private readonly INatsSub<byte[]> _progressOf;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<byte[]>> _pending = new();
    private readonly ConcurrentDictionary<int, Action<double>> _progress = new();
    private readonly ConcurrentDictionary<string, Lazy<Task>> _inputs = new();
    private readonly ConcurrentDictionary<int, ulong> _queued = new();
    private readonly Task _reading;
    private readonly Task _readingProgress;
    private int _nextTask;

    private RemoteWorkJob(INatsConnection nats, string job, INatsSub<byte[]> results, INatsSub<byte[]> progress, TimeSpan taskTimeout)
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
    public static async Task<RemoteWorkJob> OpenAsync(INatsConnection nats, string job, TimeSpan taskTimeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(nats);
        await WorkStream.EnsureStreamAsync(new NatsJSContext(nats), cancellation).ConfigureAwait(false);
        var results = await nats.SubscribeCoreAsync<byte[]>(WorkNames.Results(job), cancellationToken: cancellation).ConfigureAwait(false);
        var progress = await nats.SubscribeCoreAsync<byte[]>(WorkNames.Progress(job), cancellationToken: cancellation).ConfigureAwait(false);
        await nats.PingAsync(cancellation).ConfigureAwait(false); // the server has the subscriptions once it answers
        return new RemoteWorkJob(nats, job, results, progress, taskTimeout);
    }

    /// <summary>A task id unique within the job.</summary>
    public int NextTask() => Interlocked.Increment(ref _nextTask);

    /// <summary>Queues the backtest and waits for its result.</summary>
    /// <param name="progress">Told how far the worker has got, for a task that reports it (<see cref="BacktestTask.WholeResult"/>).</param>
    /// <exception cref="TimeoutException">No worker finished it within the task timeout.</exception>
    public async Task<BacktestTaskResult> RunAsync(BacktestTask task, CancellationToken cancellation, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var bytes = WorkJson.Encode(task);
        if (task.History is { } history && TooLarge(bytes))
        {
            var name = WorkNames.HistoryObject(Id, task.From, task.To);
            await PutOnceAsync(name, () => WorkJson.Encode(history), cancellation).ConfigureAwait(false);
            bytes = WorkJson.Encode(task with { History = null, HistoryObject = name });
        }

        return Decoded<BacktestTaskResult>(await SendAsync(WorkNames.Tasks(Id), task.Task, bytes, progress, cancellation).ConfigureAwait(false), task.Task);
    }

    /// <summary>Queues the training and waits for its result (progress as it trains).</summary>
    /// <exception cref="TimeoutException">No worker finished it within the task timeout.</exception>
    public async Task<MlTaskResult> TrainAsync(MlTask task, CancellationToken cancellation, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var bytes = WorkJson.Encode(task);
        if (task.Bars is { } bars && TooLarge(bytes))
        {
            var name = WorkNames.HistoryObject(Id, DateTimeOffset.FromUnixTimeMilliseconds(bars.Length > 0 ? bars[0].OpenTimeMs : 0), DateTimeOffset.FromUnixTimeMilliseconds(bars.Length > 0 ? bars[^1].OpenTimeMs : 0));
            await PutOnceAsync(name, () => WorkJson.Encode(bars), cancellation).ConfigureAwait(false);
            bytes = WorkJson.Encode(task with { Bars = null, BarsObject = name });
        }

        return Decoded<MlTaskResult>(await SendAsync(WorkNames.MlTasks(Id), task.Task, bytes, progress, cancellation).ConfigureAwait(false), task.Task);
    }

    /// <summary>Queues one series of a scan and waits for its result.</summary>
    /// <exception cref="TimeoutException">No worker finished it within the task timeout.</exception>
    public async Task<ScanTaskResult> ScanAsync(ScanTask task, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Decoded<ScanTaskResult>(await SendAsync(WorkNames.ScanTasks(Id), task.Task, WorkJson.Encode(task), null, cancellation).ConfigureAwait(false), task.Task);
    }

    /// <summary>A whole backtest result a worker left in the object store (<see cref="BacktestTaskResult.ResultObject"/>), taken out of it.</summary>
    public async Task<BacktestResult> TakeWholeResultAsync(BacktestTaskResult result, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = result.ResultObject ?? throw new InvalidOperationException(result.Refused ?? $"worker {result.Worker} left no whole result for task {result.Task} of job {Id}");
        return WorkJson.Decode<BacktestResult>(await TakeAsync(name, cancellation).ConfigureAwait(false), out var problem)
            ?? throw new InvalidOperationException($"the whole result of task {result.Task} of job {Id} does not read: {problem}");
    }

    /// <summary>A trained model's files (file name → bytes) a worker left in the object store, taken out of it.</summary>
    public async Task<Dictionary<string, byte[]>> TakeModelFilesAsync(MlTaskResult result, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = result.ModelObject ?? throw new InvalidOperationException(result.Error ?? $"worker {result.Worker} left no model for task {result.Task} of job {Id}");
        return WorkJson.Decode<Dictionary<string, byte[]>>(await TakeAsync(name, cancellation).ConfigureAwait(false), out var problem)
            ?? throw new InvalidOperationException($"the model of task {result.Task} of job {Id} does not read: {problem}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DeleteUnansweredAsync().ConfigureAwait(false);
            if (!_inputs.IsEmpty)
            {
                var objects = await WorkStream.ObjectsAsync(_js, CancellationToken.None).ConfigureAwait(false);
                foreach (var name in _inputs.Keys)
                {
                    await objects.DeleteAsync(name).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is NatsException or NatsObjException)
        {
            // NATS away: what is queued runs and its results go nowhere, and what was put waits out the bucket's max age
        }

        await _results.DisposeAsync().ConfigureAwait(false);
        await _progressOf.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
        await _readingProgress.ConfigureAwait(false);
    }

    private bool TooLarge(byte[] message) => message.Length > (_nats.ServerInfo?.MaxPayload ?? 1 << 20) / 2;

    /// <summary>Puts an input into the object store once per job, however many tasks share it.</summary>
    private Task PutOnceAsync(string name, Func<byte[]> content, CancellationToken cancellation) => _inputs.GetOrAdd(name, n => new Lazy<Task>(async () =>
    {
        var objects = await WorkStream.ObjectsAsync(_js, cancellation).ConfigureAwait(false);
        await objects.PutAsync(n, content(), cancellation).ConfigureAwait(false);
    })).Value;

    private async Task<byte[]> TakeAsync(string name, CancellationToken cancellation)
    {
        var objects = await WorkStream.ObjectsAsync(_js, cancellation).ConfigureAwait(false);
        var bytes = await objects.GetBytesAsync(name, cancellation).ConfigureAwait(false);
        await objects.DeleteAsync(name, cancellation).ConfigureAwait(false);
        return bytes;
    }

    private async Task<byte[]> SendAsync(string subject, int taskId, byte[] message, Action<double>? progress, CancellationToken cancellation)
    {
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(taskId, answer))
        {
            throw new ArgumentException($"task {taskId} of job {Id} is already waiting", nameof(taskId));
        }

        if (progress is not null)
        {
            _progress[taskId] = progress;
        }

        try
        {
            cancellation.ThrowIfCancellationRequested();
            // Not cancelled half-way: a task the server has stored must be known by its sequence, or the job's end could not take it off the queue.
            var ack = await _js.PublishAsync(subject, message, opts: new NatsJSPubOpts { MsgId = WorkNames.MessageId(Id, taskId) }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            ack.EnsureSuccess();
            _queued[taskId] = ack.Seq;
            var result = await answer.Task.WaitAsync(_taskTimeout, cancellation).ConfigureAwait(false);
            _queued.TryRemove(taskId, out _); // answered: its worker has acknowledged it, which took it off the queue
            return result;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no worker finished task {taskId} of job {Id} within {_taskTimeout.TotalSeconds:0} s: is a worker running (./run.sh worker)?");
        }
        finally
        {
            _pending.TryRemove(taskId, out _);
            _progress.TryRemove(taskId, out _);
        }
    }

    /// <summary>
    /// Takes the job's unanswered tasks off the queue, one message at a time by the sequence its publish was given:
    /// a purge filtered to the job's subjects would be one request, but nats-server 2.9 (before 2.9.15) then moves
    /// the workers' shared consumer past every message in the stream, so other jobs' queued tasks would never be
    /// delivered. A message a worker has already taken and acknowledged is gone, which the server answers as not found.
    /// </summary>
    private async Task DeleteUnansweredAsync()
    {
        foreach (var sequence in _queued.Values)
        {
            try
            {
                await _js.DeleteMessageAsync(WorkNames.Stream, new StreamMsgDeleteRequest { Seq = sequence, NoErase = true }).ConfigureAwait(false);
            }
            catch (NatsJSApiException)
            {
                // not found: a worker took it since
            }
        }

        _queued.Clear();
    }

    private T Decoded<T>(byte[] result, int taskId)
        where T : class => WorkJson.Decode<T>(result, out var problem) ?? throw new InvalidOperationException($"the result of task {taskId} of job {Id} does not read: {problem}");

    private async Task ReadAsync()
    {
        await foreach (var message in _results.Msgs.ReadAllAsync().ConfigureAwait(false))
        {
            var data = message.Data ?? [];
            if (WorkJson.Decode<TaskHeader>(data, out _) is not { } header || header.Job != Id)
            {
                continue; // not ours to read: the requester waits on its own tasks' results
            }

            if (_pending.TryRemove(header.Task, out var answer))
            {
                answer.TrySetResult(data);
            }
            else
            {
                Duplicates++; // again after a redelivery, or after its caller stopped waiting
            }
        }
    }

    private async Task ReadProgressAsync()
    {
        await foreach (var message in _progressOf.Msgs.ReadAllAsync().ConfigureAwait(false))
        {
            if (WorkJson.Decode<TaskProgress>(message.Data ?? [], out _) is { } progress && progress.Job == Id && _progress.TryGetValue(progress.Task, out var report))
            {
                report(progress.Done);
            }
        }
    }
}
