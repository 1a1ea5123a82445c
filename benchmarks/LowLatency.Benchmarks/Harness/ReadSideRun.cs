using System.Diagnostics;
using System.Globalization;
using LowLatency.Benchmarks.Workloads;
using LowLatency.ClusterServers;
using LowLatency.Engine.Journal;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using LowLatency.ReadSide;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// Records through the cluster's event path on real servers: a journal of price-mark records (what a
/// tick-journalling shard writes most) published to JetStream by the shard's publisher (acknowledged, in order),
/// then projected by a bridge's projector into PostgreSQL (each batch one transaction). Each round uses a fresh
/// shard; reports records/s for each leg, median and range over rounds.
/// </summary>
internal static class ReadSideRun
{
    public static void Run(TextWriter output, int rounds, int records)
    {
        if (!NatsServer.Installed || !PostgresServer.Installed)
        {
            output.WriteLine("read side: skipped, it needs nats-server and PostgreSQL 15 (Debian/Ubuntu: sudo apt-get install nats-server postgresql-15)");
            return;
        }

        using var nats = new NatsServer();
        using var postgres = new PostgresServer();
        var (published, projected) = (new List<double>(), new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            var (publish, project) = RoundAsync(nats, postgres, $"bench{r}", records).GetAwaiter().GetResult();
            (published, projected) = ([.. published, publish], [.. projected, project]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  round {r + 1}: journal → JetStream {publish:F0} records/s, JetStream → PostgreSQL {project:F0} records/s"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read side records/s: journal → JetStream {RatioSummary.MedianOf(published):F0} (range {published.Min():F0} .. {published.Max():F0}), JetStream → PostgreSQL {RatioSummary.MedianOf(projected):F0} (range {projected.Min():F0} .. {projected.Max():F0}); {records} records per round, {rounds} rounds"));
    }

    private static async Task<(double Publish, double Project)> RoundAsync(NatsServer nats, PostgresServer postgres, string shard, int records)
    {
        var directory = Directory.CreateTempSubdirectory("ll-bench-journal-").FullName;
        try
        {
            Write(directory, records);
            var watch = Stopwatch.StartNew();
            await using var publisher = new JournalPublisher(new JournalPublisherOptions { Url = nats.Url, Shard = shard }, directory, () => records, NullLogger.Instance);
            publisher.Start();
            await Until(() => publisher.PublishedSequence == records).ConfigureAwait(false);
            var publish = records / watch.Elapsed.TotalSeconds;

            watch.Restart();
            await using var projector = new ShardProjector(new ShardProjectorOptions { Nats = nats.Url, Database = postgres.ConnectionString, Shard = shard, Projector = "bench" },
                TradingSetup.Registry, new AccountOptions(), NullLogger.Instance);
            projector.Start();
            await Until(() => projector.Sequence == records).ConfigureAwait(false);
            return (publish, records / watch.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Write(string directory, int records)
    {
        var buffer = new byte[RecordCodec.Size];
        using var writer = new SegmentedJournalWriter(directory, new JournalSegment(JournalSegments.PathFor(directory, 1), 1), 0, FsyncPolicy.None, TimeSpan.Zero, segmentBytes: 0);
        for (long sequence = 1; sequence <= records; sequence++)
        {
            var length = RecordCodec.Encode(new TradingRecord { Type = RecordType.Mark, Sequence = sequence, TimeMs = 1_700_000_000_000 + sequence, InstrumentId = 1, PriceTicks = 100_000 + (sequence % 97) }, buffer);
            writer.Append(buffer.AsSpan(0, length), sequence);
            if (sequence % 64 == 0)
            {
                writer.Write();
            }
        }

        writer.Write();
    }

    private static async Task Until(Func<bool> done)
    {
        var deadline = Environment.TickCount64 + 600_000;
        while (!done())
        {
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException("the read-side round did not finish within 10 minutes");
            }

            await Task.Delay(1).ConfigureAwait(false); // the legs run on their own tasks; their progress is a counter
        }
    }
}
