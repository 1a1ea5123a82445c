using LowLatency.EventStream;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.ObjectStore;

namespace LowLatency.Work;

/// <summary>
/// Creates the work-queue stream and the workers' shared durable consumer (idempotent: requesters and workers
/// both call it, whichever comes first). A task a worker took and did not acknowledge within the ack wait (it
/// died, or lost NATS) goes to another worker; after <see cref="MaxDeliver"/> tries it is given up, and its job
/// times out with the reason.
/// </summary>
public static class WorkStream
{
    public const int MaxDeliver = 4;

    /// <summary>The stream (requesters publish into it).</summary>
    public static async Task EnsureStreamAsync(INatsJSContext js, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(js);
        var config = new StreamConfig(WorkNames.Stream, [WorkNames.TaskSubjects])
        {
            Retention = StreamConfigRetention.Workqueue, Storage = StreamConfigStorage.File, DuplicateWindow = TimeSpan.FromMinutes(2),
        };
        await JetStreamCreation.RacingAsync(async () => await js.CreateOrUpdateStreamAsync(config, cancellation).ConfigureAwait(false), cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The object store for what is too large for a message (a whole backtest result): put by one side, read and
    /// deleted by the other; an object nobody came for leaves after <see cref="ObjectsMaxAge"/>.
    /// </summary>
    public static Task<INatsObjStore> ObjectsAsync(INatsJSContext js, CancellationToken cancellation) =>
        JetStreamCreation.RacingAsync(async () => await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig(WorkNames.Objects) { MaxAge = ObjectsMaxAge, Storage = NatsObjStorageType.File }, cancellation).ConfigureAwait(false), cancellation);

    public static TimeSpan ObjectsMaxAge { get; } = TimeSpan.FromHours(1);

    /// <summary>The stream and the workers' consumer (workers pull from it; its ack wait is theirs to set).</summary>
    public static async Task<INatsJSConsumer> EnsureConsumerAsync(INatsJSContext js, TimeSpan ackWait, CancellationToken cancellation)
    {
        await EnsureStreamAsync(js, cancellation).ConfigureAwait(false);
        return await js.CreateOrUpdateConsumerAsync(WorkNames.Stream, new ConsumerConfig(WorkNames.Consumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit, AckWait = ackWait, MaxDeliver = MaxDeliver, FilterSubject = WorkNames.TaskSubjects,
        }, cancellation).ConfigureAwait(false);
    }
}
