namespace LowLatency.Cluster.Tests;

/// <summary>
/// The frontend tests' cluster: a NATS server and a PostgreSQL of its own, the two shards of
/// <see cref="ClusterFrontendTests.Shards"/>, and two bridges serving the frontend across them, linked to neither.
/// </summary>
internal sealed class FrontendCluster : IAsyncDisposable
{
    private readonly HashSet<ClusterBridge> _stopped = [];
    private bool _s2Running = true;

    private FrontendCluster(NatsServer nats, PostgresServer postgres, ShardEngine s1, ShardEngine s2) => (Nats, Postgres, S1, S2) = (nats, postgres, s1, s2);

    public NatsServer Nats { get; }

    public PostgresServer Postgres { get; }

    public ShardEngine S1 { get; }

    public ShardEngine S2 { get; }

    public ClusterBridge A { get; private set; } = null!;

    public ClusterBridge B { get; private set; } = null!;

    public static async Task<FrontendCluster> StartAsync()
    {
        var nats = new NatsServer();
        var postgres = new PostgresServer();
        var cluster = new FrontendCluster(nats, postgres, ShardEngine.Of(nats, "s1", ClusterFrontendTests.Shards), ShardEngine.Of(nats, "s2", ClusterFrontendTests.Shards));
        try
        {
            cluster.A = await ClusterFrontendTests.Bridge(nats, postgres, "bridge-a");
            cluster.B = await ClusterFrontendTests.Bridge(nats, postgres, "bridge-b");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops shard s2 (once): its stream, marks and read-side rows stay.</summary>
    public void StopS2()
    {
        if (_s2Running)
        {
            _s2Running = false;
            S2.Dispose();
        }
    }

    /// <summary>Stops bridge A or B (once), as its process ending would: its leases and jobs go to the other.</summary>
    public async Task StopAsync(ClusterBridge bridge)
    {
        if (_stopped.Add(bridge))
        {
            await bridge.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
        {
            await StopAsync(B);
        }

        if (A is not null)
        {
            await StopAsync(A);
        }

        StopS2();
        S1.Dispose();
        Postgres.Dispose();
        Nats.Dispose();
    }
}
