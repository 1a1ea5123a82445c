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
        await RacingAsync(async () => await js.CreateOrUpdateStreamAsync(config, cancellation).ConfigureAwait(false), cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// The object store for what is too large for a message (a whole backtest result): put by one side, read and
    /// deleted by the other; an object nobody came for leaves after <see cref="ObjectsMaxAge"/>.
    /// </summary>
    public static Task<INatsObjStore> ObjectsAsync(INatsJSContext js, CancellationToken cancellation) =>
        RacingAsync(async () => await new NatsObjContext(js).CreateObjectStoreAsync(new NatsObjConfig(WorkNames.Objects) { MaxAge = ObjectsMaxAge, Storage = NatsObjStorageType.File }, cancellation).ConfigureAwait(false), cancellation);

    public static TimeSpan ObjectsMaxAge { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A creation that another client (a second worker, the requester) may be making at the same moment: the server
    /// can answer the loser with "stream name already in use" or "subjects overlap with an existing stream" while the
    /// winner's stream comes into being; tried again, the loser finds it and updates it. A loaded server that does
    /// not answer in time is asked again too.
    /// </summary>
    private static async Task<T> RacingAsync<T>(Func<Task<T>> create, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await create().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < CreationAttempts && (e is NatsJSApiNoResponseException || (e is NatsJSApiException api && api.Error.ErrCode is StreamNameInUse or SubjectsOverlap)))
            {
                // a server too busy to answer within the request timeout is asked again: the creation is idempotent
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), cancellation).ConfigureAwait(false);
            }
        }
    }

    private const int CreationAttempts = 5;
    private const int StreamNameInUse = 10058;
    private const int SubjectsOverlap = 10065;

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
