using System.Collections.Concurrent;
using LowLatency.Disruptor;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Ipc;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace LowLatency.EventStream;

/// <summary>
/// A shard's commands over NATS request/reply (<c>ll.command.SHARD</c>): a request carries a command in the link's
/// layout (<see cref="CommandCodec"/>), goes into the ring like every other command, and is answered with its
/// result once the trading thread has decided, or with why not (<see cref="CommandHeaders.Error"/>). Results reach
/// it as a trading listener that only copies those of its own commands into a ring of its own, so the trading
/// thread never waits on NATS; a command is published once and never retried here (a timed-out requester reads
/// the journal stream before it sends again). Commands for an instrument another shard owns are refused.
/// </summary>
public sealed partial class CommandResponder : ITradingListener, IAsyncDisposable
{
    /// <summary>Set in the correlation ids this responder gives: the link's bridge numbers its own from 1, and results are told apart by it.</summary>
    public const long CorrelationBit = 1L << 62;

    private readonly CommandResponderOptions _options;
    private readonly Func<Command, bool> _publish;
    private readonly Func<int, string?> _foreignOwner;
    private readonly ILogger _logger;
    private readonly RingBuffer<CommandResult> _results = RingBuffer<CommandResult>.CreateSingleProducer(null, 4096);
    private readonly Sequence _taken = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<CommandResult>> _pending = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly CancellationTokenSource _stop = new();
    private Task? _serve;
    private Task? _collect;
    private long _next;
    private long _answered;
    private long _refused;
    private long _timedOut;

    /// <param name="publish">Puts a command into the ring; false when it stayed full.</param>
    /// <param name="foreignOwner">For an instrument this shard does not own, the shard that does (or "none"); null for its own.</param>
    public CommandResponder(CommandResponderOptions options, Func<Command, bool> publish, Func<int, string?> foreignOwner, ILogger logger)
    {
        (_options, _publish, _foreignOwner, _logger) = (options, publish, foreignOwner, logger);
        _results.AddGatingSequences(_taken);
    }

    /// <summary>Whether the server has the subscription: requests reach this shard from now on (the connection reconnects by itself).</summary>
    public bool Serving { get; private set; }

    /// <summary>Commands answered with their result.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests answered with an error: malformed, another shard's instrument, the ring full.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Commands whose result did not come within the timeout.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    public void Start()
    {
        _serve ??= Task.Run(() => ServeAsync(_stop.Token));
        _collect ??= Task.Run(() => CollectAsync(_stop.Token));
    }

    public void OnRecord(in TradingRecord record)
    {
    }

    public void OnSnapshot(StateSnapshot snapshot)
    {
    }

    /// <summary>
    /// Trading thread: copies a result of this responder's into its ring, never waiting (full: the requester times
    /// out), and wakes the collector: a release never waits or runs the waiter here (its continuation is queued), and
    /// it happens for this responder's own results only, not per event.
    /// </summary>
    public void OnCommandResult(in CommandResult result)
    {
        if ((result.CorrelationId & CorrelationBit) == 0 || !_results.TryNext(out var sequence))
        {
            return;
        }

        _results[sequence] = result;
        _results.Publish(sequence);
        _work.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _serve, _collect }.OfType<Task>())
        {
            await task.ConfigureAwait(false);
        }

        _stop.Dispose();
        // _work stays undisposed: the trading thread may still hand a result in after this (it holds no handle to free)
    }

    private async Task ServeAsync(CancellationToken stop)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = _options.Url, Name = $"ll-shard-{_options.Shard}-commands", RetryOnInitialConnect = true });
        try
        {
            var subject = JournalStreamNames.Commands(_options.Shard);
            await using var subscription = await nats.SubscribeCoreAsync<byte[]>(subject, cancellationToken: stop).ConfigureAwait(false);
            await nats.PingAsync(stop).ConfigureAwait(false); // the server has the subscription once it answers
            Serving = true;
            LogServing(_logger, subject);
            await foreach (var request in subscription.Msgs.ReadAllAsync(stop).ConfigureAwait(false))
            {
                _ = AnswerAsync(request, stop); // concurrently: one slow command does not hold the others
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task AnswerAsync(NatsMsg<byte[]> request, CancellationToken stop)
    {
        try
        {
            if (request.ReplyTo is null)
            {
                Interlocked.Increment(ref _refused); // a publish, not a request: nobody to answer
                return;
            }

            var data = request.Data ?? [];
            if (!CommandCodec.TryDecodeCommand(data, out var command))
            {
                await RefuseAsync(request, $"not a command: {data.Length} bytes where a command is {CommandCodec.CommandSize}", stop).ConfigureAwait(false);
                return;
            }

            if (command.Type is CommandType.SubmitOrder or CommandType.ClosePosition && _foreignOwner(command.InstrumentId) is { } owner)
            {
                await RefuseAsync(request, $"instrument {command.InstrumentId} is not traded by shard {_options.Shard} (its owner: {owner})", stop).ConfigureAwait(false);
                return;
            }

            var result = await DecideAsync(command, stop).ConfigureAwait(false);
            if (result is null)
            {
                Interlocked.Increment(ref _timedOut);
                await RefuseAsync(request, $"no result within {_options.Timeout.TotalSeconds:0.#} s; it may yet be applied: read the journal stream before sending it again", stop).ConfigureAwait(false);
                return;
            }

            var reply = new byte[CommandCodec.ResultSize];
            CommandCodec.Encode(result.Value with { CorrelationId = command.CorrelationId }, reply);
            await request.ReplyAsync(reply, cancellationToken: stop).ConfigureAwait(false);
            Interlocked.Increment(ref _answered);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException)
        {
            LogUnanswered(_logger, e.Message); // the requester times out
        }
    }

    /// <summary>The command's result from the trading thread; null when it did not come in time.</summary>
    private async Task<CommandResult?> DecideAsync(Command command, CancellationToken stop)
    {
        var id = CorrelationBit | Interlocked.Increment(ref _next);
        var answer = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        _work.Release();
        try
        {
            if (!_publish(command with { CorrelationId = id }))
            {
                return new CommandResult(id, command.Type, RejectReason.InvalidState, 0); // the ring stayed full
            }

            var finished = await Task.WhenAny(answer.Task, Task.Delay(_options.Timeout, stop)).ConfigureAwait(false);
            return finished == answer.Task ? await answer.Task.ConfigureAwait(false) : null;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Hands results to their requests, woken by each command sent and each result copied (a release the loop has not consumed yet makes the next wait return at once, so no wake-up is lost).</summary>
    private async Task CollectAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var next = _taken.Value + 1;
                var available = _results.Cursor;
                for (var s = next; s <= available; s++)
                {
                    var result = _results[s];
                    if (_pending.TryGetValue(result.CorrelationId, out var answer))
                    {
                        answer.TrySetResult(result);
                    }
                }

                if (available >= next)
                {
                    _taken.SetValue(available);
                }
                else
                {
                    await _work.WaitAsync(stop).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private async Task RefuseAsync(NatsMsg<byte[]> request, string why, CancellationToken stop)
    {
        Interlocked.Increment(ref _refused);
        await request.ReplyAsync(headers: new NatsHeaders { [CommandHeaders.Error] = why }, cancellationToken: stop).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "commands: answering requests on {Subject}")]
    private static partial void LogServing(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "commands: a request went unanswered: {Problem}")]
    private static partial void LogUnanswered(ILogger logger, string problem);
}
