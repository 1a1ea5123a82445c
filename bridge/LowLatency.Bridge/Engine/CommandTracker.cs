using System.Collections.Concurrent;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Engine;

/// <summary>Commands in flight to the engine by correlation id; each completes with the engine's result, a lost link, or a timeout.</summary>
public sealed class CommandTracker
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<CommandOutcome>> _pending = new();
    private long _nextId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000; // unique across bridge restarts

    public long NextCorrelationId() => Interlocked.Increment(ref _nextId);

    public Task<CommandOutcome> Register(long correlationId)
    {
        var completion = new TaskCompletionSource<CommandOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = completion;
        return completion.Task;
    }

    public void Forget(long correlationId) => _pending.TryRemove(correlationId, out _);

    public void Complete(in CommandResult result)
    {
        if (_pending.TryRemove(result.CorrelationId, out var completion))
        {
            completion.TrySetResult(new CommandOutcome(result.Reason, result.OrderId, null));
        }
    }

    public void FailAll(string reason)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var completion))
            {
                completion.TrySetResult(new CommandOutcome(RejectReason.None, 0, reason));
            }
        }
    }
}
