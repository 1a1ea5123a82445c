using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace LowLatency.EventStream;

/// <summary>
/// Which of the bridges that may run the risk-budget coordinator does: the one holding the key of a JetStream
/// key-value bucket whose entries live <see cref="Ttl"/>. The holder renews it every round by compare-and-set on
/// its revision; when it stops (killed, cut off), the entry expires and the next candidate's create succeeds. The
/// lease only spares the candidates fighting: two that both believe they hold it stay safe, the shards' epoch fences
/// refusing the older one's moves.
/// </summary>
/// <param name="bucket">Its bucket: the coordinator's by default; another single-holder duty (the cluster's alert evaluation) has its own, since a bucket's entries share one lifetime.</param>
/// <param name="key">Its key in the bucket.</param>
public sealed class CoordinatorLease(INatsConnection nats, string holder, TimeSpan ttl, string bucket = CoordinatorLease.Bucket, string key = "risk-budgets")
{
    public const string Bucket = "LL_COORDINATOR";

    private INatsKVStore? _store;
    private ulong _revision;

    /// <summary>How long the lease outlives its holder's last renewal.</summary>
    public TimeSpan Ttl => ttl;

    /// <summary>Whether this candidate held the lease at its last <see cref="HoldAsync"/>.</summary>
    public bool Held { get; private set; }

    /// <summary>Renews the lease when held, else tries to take it; whether it is held now.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellation)
    {
        try
        {
            _store ??= await new NatsKVContext(new NatsJSContext(nats)).CreateOrUpdateStoreAsync(new NatsKVConfig(bucket) { MaxAge = ttl, History = 1 }, cancellation).ConfigureAwait(false);
            _revision = Held
                ? await _store.UpdateAsync(key, holder, _revision, cancellationToken: cancellation).ConfigureAwait(false)
                : await _store.CreateAsync(key, holder, cancellationToken: cancellation).ConfigureAwait(false);
            Held = true;
        }
        catch (Exception e) when (e is NatsKVException or NatsException)
        {
            Held = false; // another holds it (create refused), it expired or was taken since (update refused), or NATS is away
        }

        return Held;
    }
}
