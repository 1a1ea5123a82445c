using LowLatency.Engine.Commands;
using LowLatency.Ipc.Client;

namespace LowLatency.Bridge.Engine;

/// <summary>Sends commands over the link with a correlation id and waits (bounded) for the engine's answer.</summary>
public sealed class EngineGateway(EngineLinkClient link, CommandTracker tracker, TimeSpan timeout)
{
    public bool Connected => link.Connected;

    public async Task<CommandOutcome> SendAsync(Command command, CancellationToken cancellation)
    {
        command.CorrelationId = tracker.NextCorrelationId();
        var answer = tracker.Register(command.CorrelationId);
        if (!await link.SendAsync(command, cancellation).ConfigureAwait(false))
        {
            tracker.Forget(command.CorrelationId);
            return new CommandOutcome(default, 0, "the engine is not connected");
        }

        var finished = await Task.WhenAny(answer, Task.Delay(timeout, cancellation)).ConfigureAwait(false);
        if (finished != answer)
        {
            tracker.Forget(command.CorrelationId);
            return new CommandOutcome(default, 0, $"the engine did not answer within {timeout.TotalSeconds:0.#} s");
        }

        return await answer.ConfigureAwait(false);
    }
}
