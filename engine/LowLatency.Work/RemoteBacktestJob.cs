using System.Collections.Concurrent;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.Work;

/// <summary>
/// A job's backtests run by the workers: each task goes into the work queue (deduplicated by job and task id) and
/// its caller waits for the first result of that task on the job's result subject; a second result (the task ran
/// again after a worker died) is dropped. No result within the task timeout is an error that says to start a
/// worker. Disposing the job purges what no worker has taken yet, so a cancelled job leaves nothing queued.
/// </summary>
public sealed class RemoteBacktestJob : IAsyncDisposable
{
    private readonly INatsConnection _nats;
    private readonly NatsJSContext _js;
    private readonly INatsSub<byte[]> _results;
    private readonly TimeSpan _taskTimeout;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<BacktestTaskResult>> _pending = new();
    private readonly Task _reading;
    private int _nextTask;

    private RemoteBacktestJob(INatsConnection nats, string job, INatsSub<byte[]> results, TimeSpan taskTimeout)
    {
        (_nats, Id, _results, _taskTimeout) = (nats, job, results, taskTimeout);
        _js = new NatsJSContext(nats);
        _reading = Task.Run(ReadAsync);
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
        await nats.PingAsync(cancellation).ConfigureAwait(false); // the server has the subscription once it answers
        return new RemoteBacktestJob(nats, job, results, taskTimeout);
    }

    /// <summary>A task id unique within the job.</summary>
    public int NextTask() => Interlocked.Increment(ref _nextTask);

    /// <summary>Queues the task and waits for its result.</summary>
    /// <exception cref="TimeoutException">No worker finished it within the task timeout.</exception>
    public async Task<BacktestTaskResult> RunAsync(BacktestTask task, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(task);
        var answer = new TaskCompletionSource<BacktestTaskResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(task.Task, answer))
        {
            throw new ArgumentException($"task {task.Task} of job {Id} is already waiting", nameof(task));
        }

        try
        {
            var ack = await _js.PublishAsync(WorkNames.Tasks(Id), WorkJson.Encode(task), opts: new NatsJSPubOpts { MsgId = WorkNames.MessageId(Id, task.Task) },
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
        }
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

        await _results.DisposeAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(false);
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
