using LowLatency.Engine.Commands;
using LowLatency.Ipc;
using NATS.Client.Core;

namespace LowLatency.EventStream;

/// <summary>
/// Sends commands to the shards over NATS request/reply (<see cref="CommandResponder"/>): an order goes to the
/// shard that owns its instrument (<see cref="ShardMap"/>), anything else to the shard named. A command without a
/// result (no engine serves the shard, no answer in time, a refusal) is a <see cref="ShardCommandException"/>.
/// </summary>
public sealed class ShardCommandClient(INatsConnection nats, ShardMap map, string defaultShard)
{
    /// <summary>To the owner of the command's instrument when the map names it, else to the default shard.</summary>
    public Task<CommandResult> SendAsync(Command command, TimeSpan timeout, CancellationToken cancellation) => SendAsync(ShardOf(command), command, timeout, cancellation);

    /// <summary>Where <see cref="SendAsync(Command, TimeSpan, CancellationToken)"/> sends the command.</summary>
    public string ShardOf(in Command command) =>
        command.Type is CommandType.SubmitOrder or CommandType.ClosePosition ? map.Owner(command.InstrumentId) ?? defaultShard : defaultShard;

    public async Task<CommandResult> SendAsync(string shard, Command command, TimeSpan timeout, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(nats);
        NatsMsg<byte[]> reply;
        try
        {
            reply = await nats.RequestAsync<byte[], byte[]>(JournalStreamNames.Commands(shard), CommandCodec.Encode(command), replyOpts: new NatsSubOpts { Timeout = timeout },
                cancellationToken: cancellation).ConfigureAwait(false);
        }
        catch (NatsNoRespondersException)
        {
            throw new ShardCommandException($"no engine serves shard {shard}");
        }
        catch (NatsNoReplyException)
        {
            throw new ShardCommandException($"shard {shard} did not answer within {timeout.TotalSeconds:0.#} s; the command may yet be applied");
        }

        if (reply.Headers is { } headers && headers.TryGetValue(CommandHeaders.Error, out var error))
        {
            throw new ShardCommandException($"shard {shard}: {error}");
        }

        return CommandCodec.TryDecodeResult(reply.Data ?? [], out var result)
            ? result
            : throw new ShardCommandException($"shard {shard} answered {reply.Data?.Length ?? 0} bytes, not a command result");
    }
}
