using LowLatency.Disruptor;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Configuration;

/// <summary>Reads and validates <c>engine.json</c>; every problem names the file and the field.</summary>
public static class EngineConfigLoader
{
    public static EngineConfig Load(string path)
    {
        var config = ConfigJson.Load<EngineConfig>(path);
        Validate(config, path);
        return config;
    }

    public static EngineConfig Parse(string json, string file)
    {
        var config = ConfigJson.Parse<EngineConfig>(json, file);
        Validate(config, file);
        return config;
    }

    public static void Validate(EngineConfig config, string file)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Ring.Size <= 0 || (config.Ring.Size & (config.Ring.Size - 1)) != 0)
        {
            throw new ConfigException(file, "ring.size", $"{config.Ring.Size} is not a positive power of two");
        }

        if (config.Ring.Producer is not ("single" or "multi"))
        {
            throw new ConfigException(file, "ring.producer", $"'{config.Ring.Producer}' is neither 'single' nor 'multi'");
        }

        if (config.Ring.Producer == "single")
        {
            throw new ConfigException(file, "ring.producer", "'single' cannot work here: the feed and the command publisher are two producers; use 'multi'");
        }

        CheckWaitStrategy(file, "ring.waitStrategy", config.Ring.WaitStrategy);
        ValidateThreads(config.Threads, file);
        var feeds = config.AllFeeds;
        var at = config.Feeds.Count > 0 ? "feeds" : "feed";
        for (var i = 0; i < feeds.Count; i++)
        {
            ValidateFeed(feeds[i], config.Venues, file, config.Feeds.Count > 0 ? $"feeds[{i}]" : "feed");
        }

        var duplicate = feeds.GroupBy(f => f.DisplayName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ConfigException(file, at, $"two feeds are named '{duplicate.Key}'; give each a unique name");
        }

        NotNegative(file, "risk.staleAfterMs", config.Risk.StaleAfterMs);
        foreach (var (symbol, ms) in config.Risk.StaleAfterMsBySymbol)
        {
            NotNegative(file, $"risk.staleAfterMsBySymbol.{symbol}", ms);
        }

        Positive(file, "statusIntervalSeconds", config.StatusIntervalSeconds);
        NotNegative(file, "warmOrderPathMs", config.WarmOrderPathMs);
        if (config.Ipc.Port is < 0 or > 65535)
        {
            throw new ConfigException(file, "ipc.port", $"{config.Ipc.Port} is not a TCP port (0–65535)");
        }

        Positive(file, "ipc.quoteRateHz", config.Ipc.QuoteRateHz);
        Positive(file, "ipc.writeTimeoutSeconds", config.Ipc.WriteTimeoutSeconds);
        NotNegative(file, "ipc.barHistoryMinutes", config.Ipc.BarHistoryMinutes);
        Positive(file, "account.initialBalance", (double)config.Account.InitialBalance);
        Positive(file, "risk.priceBandPercent", config.Risk.PriceBandPercent);
        Positive(file, "risk.passivePriceBandPercent", config.Risk.PassivePriceBandPercent);
        if (config.Risk.PassivePriceBandPercent >= 100)
        {
            throw new ConfigException(file, "risk.passivePriceBandPercent", $"{config.Risk.PassivePriceBandPercent} must be below 100 (a price at or below zero is no price)");
        }

        Positive(file, "risk.maxOrderNotional", (double)config.Risk.MaxOrderNotional);
        Positive(file, "risk.maxPositionNotional", (double)config.Risk.MaxPositionNotional);
        Positive(file, "risk.maxOpenPositions", config.Risk.MaxOpenPositions);
        NotNegative(file, "risk.maxGrossExposure", (double)config.Risk.MaxGrossExposure);
        Positive(file, "risk.maxDailyLossPercent", config.Risk.MaxDailyLossPercent);
        Positive(file, "risk.maxDrawdownPercent", config.Risk.MaxDrawdownPercent);
        Positive(file, "risk.maxOrdersPerSecond", config.Risk.MaxOrdersPerSecond);
        Positive(file, "risk.maxPositionPercent", config.Risk.MaxPositionPercent);
        NotNegative(file, "exchange.latencyMs", config.Exchange.LatencyMs);
        NotNegative(file, "exchange.latencyJitterMs", config.Exchange.LatencyJitterMs);
        NotNegative(file, "exchange.takerFeeBps", (double)config.Exchange.TakerFeeBps);
        NotNegative(file, "exchange.makerFeeBps", (double)config.Exchange.MakerFeeBps);
        NotNegative(file, "exchange.maxSlippageTicks", config.Exchange.MaxSlippageTicks);
        Positive(file, "exchange.liquidityMultiplier", config.Exchange.LiquidityMultiplier);
        Positive(file, "journal.fsyncIntervalMs", config.Journal.FsyncIntervalMs);
        NotNegative(file, "journal.snapshotEveryRecords", config.Journal.SnapshotEveryRecords);
        NotNegative(file, "journal.segmentBytes", config.Journal.SegmentBytes);
        if (config.Journal.SegmentBytes is > 0 and < 1 << 20)
        {
            throw new ConfigException(file, "journal.segmentBytes", $"{config.Journal.SegmentBytes} is under 1 MiB: a file per handful of batches (0 turns rotation off)");
        }

        if (config.Journal.Retention != Journal.JournalRetention.Keep && config.Journal.SnapshotEveryRecords == 0)
        {
            throw new ConfigException(file, "journal.retention", "retires segments after snapshots, and journal.snapshotEveryRecords 0 takes them only at shutdown");
        }

        ValidateCluster(config.Cluster, file);
        ValidateVenues(config.Venues, file);
    }

    private static void ValidateCluster(ClusterConfig cluster, string file)
    {
        if (!EventStream.JournalStreamNames.IsValidShard(cluster.Shard))
        {
            throw new ConfigException(file, "cluster.shard", $"'{cluster.Shard}' is not a shard name: letters, digits, '-' and '_', up to 32");
        }

        if (cluster.Nats is { } nats && (!Uri.TryCreate(nats, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls") || uri.Port <= 0))
        {
            throw new ConfigException(file, "cluster.nats", $"'{nats}' is not a nats://host:port address");
        }

        Positive(file, "cluster.publishWindow", cluster.PublishWindow);
        Positive(file, "cluster.commandTimeoutMs", cluster.CommandTimeoutMs);
        if (cluster.MarkIntervalMs < 0)
        {
            throw new ConfigException(file, "cluster.markIntervalMs", $"{cluster.MarkIntervalMs} is negative; 0 turns marks off");
        }

        if (!(cluster.RiskShare is > 0 and <= 1))
        {
            throw new ConfigException(file, "cluster.riskShare", $"{cluster.RiskShare} is not a share of the account: above 0, at most 1");
        }
        foreach (var shard in cluster.Shards.Keys.Where(s => !EventStream.JournalStreamNames.IsValidShard(s)))
        {
            throw new ConfigException(file, $"cluster.shards.{shard}", $"'{shard}' is not a shard name: letters, digits, '-' and '_', up to 32");
        }

        if (cluster.Shards.Count > 0 && !cluster.Shards.ContainsKey(cluster.Shard))
        {
            throw new ConfigException(file, "cluster.shards", $"names no instruments for this engine's shard '{cluster.Shard}'");
        }
    }

    private static void ValidateVenues(VenuesConfig venues, string file)
    {
        foreach (var (name, session) in venues.Fix)
        {
            var at = $"venues.fix.{name}";
            if (name == "paper")
            {
                throw new ConfigException(file, at, "'paper' names the paper exchange; call the session something else");
            }

            if (session.Port is < 1 or > 65535 || string.IsNullOrWhiteSpace(session.Host))
            {
                throw new ConfigException(file, at, $"host '{session.Host}' and port {session.Port}: a host and a port 1–65535");
            }

            if (session.BeginString is not ("FIX.4.2" or "FIX.4.4"))
            {
                throw new ConfigException(file, $"{at}.beginString", $"'{session.BeginString}' is neither FIX.4.2 nor FIX.4.4");
            }

            if (string.IsNullOrWhiteSpace(session.SenderCompId) || string.IsNullOrWhiteSpace(session.TargetCompId))
            {
                throw new ConfigException(file, at, "senderCompId and targetCompId are required");
            }

            if (session.HeartBtInt is < 1 or > 3600)
            {
                throw new ConfigException(file, $"{at}.heartBtInt", $"{session.HeartBtInt}: 1–3600 seconds");
            }

            if (session.CancelRetries is < 0 or > 100 || session.CancelRetryDelayMs is < 0 or > 60_000)
            {
                throw new ConfigException(file, $"{at}.{(session.CancelRetries is < 0 or > 100 ? "cancelRetries" : "cancelRetryDelayMs")}",
                    $"{session.CancelRetries} retries, {session.CancelRetryDelayMs} ms: 0–100 retries, 0–60,000 ms apart");
            }

            if (session.ReconcileTimeoutMs is < 100 or > 600_000)
            {
                throw new ConfigException(file, $"{at}.reconcileTimeoutMs", $"{session.ReconcileTimeoutMs}: 100–600,000 ms");
            }

            if (session.SenderSpinUs is < 0 or > 100_000)
            {
                throw new ConfigException(file, $"{at}.senderSpinUs", $"{session.SenderSpinUs}: 0–100,000 µs");
            }

            if (session.StaleOrderMs is < 0 or > 86_400_000)
            {
                throw new ConfigException(file, $"{at}.staleOrderMs", $"{session.StaleOrderMs}: 0–86,400,000 ms (0 resends every order)");
            }

            if (session.TlsCaFile is not null && (!session.Tls || !File.Exists(session.TlsCaFile)))
            {
                throw new ConfigException(file, $"{at}.tlsCaFile", session.Tls ? $"'{session.TlsCaFile}' does not exist" : "needs tls: true");
            }

            try
            {
                LowLatency.Fix.Session.FixSchedule.Parse(session.Start, session.End, session.Days);
            }
            catch (FormatException e)
            {
                throw new ConfigException(file, at, e.Message);
            }
        }

        foreach (var (name, account) in venues.Binance)
        {
            if (name == "paper" || venues.Fix.ContainsKey(name))
            {
                throw new ConfigException(file, $"venues.binance.{name}", $"'{name}' already names {(name == "paper" ? "the paper exchange" : "a session under venues.fix")}; each venue needs a name of its own");
            }

            account.Validate(file, $"venues.binance.{name}");
        }

        foreach (var (symbol, route) in venues.Instruments)
        {
            if (route.Venue != "paper" && !venues.Fix.ContainsKey(route.Venue) && !venues.Binance.ContainsKey(route.Venue))
            {
                throw new ConfigException(file, $"venues.instruments.{symbol}.venue", $"'{route.Venue}' is neither 'paper' nor a session under venues.fix nor an account under venues.binance");
            }
        }
    }

    private static void ValidateThreads(IReadOnlyList<ThreadConfig> threads, string file)
    {
        var expected = TradingPipeline.StageNames;
        if (threads.Count == 0)
        {
            throw new ConfigException(file, "threads", $"at least one thread is needed; the stages are {string.Join(", ", expected)}");
        }

        var next = 0;
        for (var t = 0; t < threads.Count; t++)
        {
            var thread = threads[t];
            var field = $"threads[{t}]";
            if (thread.Stages.Count == 0)
            {
                throw new ConfigException(file, $"{field}.stages", "a thread runs at least one stage");
            }

            for (var s = 0; s < thread.Stages.Count; s++)
            {
                var stage = thread.Stages[s];
                if (!expected.Contains(stage))
                {
                    throw new ConfigException(file, $"{field}.stages[{s}]", $"unknown stage '{stage}'; the stages are {string.Join(", ", expected)}");
                }

                if (next >= expected.Count || stage != expected[next])
                {
                    throw new ConfigException(file, $"{field}.stages[{s}]", $"'{stage}' is out of place: every stage appears once, in the order {string.Join(" → ", expected)}");
                }

                next++;
            }

            if (thread.Stages.Contains("risk") != thread.Stages.Contains("routing"))
            {
                throw new ConfigException(file, $"{field}.stages", "'risk' and 'routing' share the trading state, so they must run on the same thread");
            }

            if (thread.Cpu is < 0)
            {
                throw new ConfigException(file, $"{field}.cpu", $"{thread.Cpu} is negative");
            }

            if (thread.MaxBatchSize < 1)
            {
                throw new ConfigException(file, $"{field}.maxBatchSize", $"{thread.MaxBatchSize} is below 1");
            }

            if (thread.WaitStrategy is not null)
            {
                CheckWaitStrategy(file, $"{field}.waitStrategy", thread.WaitStrategy);
            }
        }

        if (next < expected.Count)
        {
            throw new ConfigException(file, "threads", $"stage '{expected[next]}' is on no thread; every stage must run");
        }
    }

    private static void ValidateBinanceFeed(FeedConfig feed, string file, string at)
    {
        if (feed.Symbols.Count == 0)
        {
            throw new ConfigException(file, $"{at}.symbols", "a binance feed subscribes to the symbols it names; list them");
        }

        if (feed.Market is not ("spot" or "futures"))
        {
            throw new ConfigException(file, $"{at}.market", $"'{feed.Market}' is not 'spot' or 'futures'");
        }

        if (feed.Url is not null && (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss")))
        {
            throw new ConfigException(file, $"{at}.url", $"'{feed.Url}' is not a ws:// or wss:// address");
        }

        if (feed.RestUrl is not null && (!Uri.TryCreate(feed.RestUrl, UriKind.Absolute, out var rest) || rest.Scheme is not ("http" or "https")))
        {
            throw new ConfigException(file, $"{at}.restUrl", $"'{feed.RestUrl}' is not a http:// or https:// address");
        }

        var streams = feed.Symbols.Count * (1 + (feed.Trades ? 1 : 0) + (feed.Klines ? 1 : 0) + (feed.MarkPrice && feed.Market == "futures" ? 1 : 0));
        if (streams > MaxBinanceStreams)
        {
            throw new ConfigException(file, $"{at}.symbols", $"{feed.Symbols.Count} symbols make {streams} streams; Binance allows {MaxBinanceStreams} on one connection: split them over several feeds");
        }

        if (feed.Depth is < 1 or > 5_000 || feed.BackfillMinutes is < 0 or > 525_600)
        {
            throw new ConfigException(file, $"{at}.{(feed.Depth is < 1 or > 5_000 ? "depth" : "backfillMinutes")}", $"depth {feed.Depth} (1–5,000), backfillMinutes {feed.BackfillMinutes} (0–525,600)");
        }
    }

    private static void ValidateFeed(FeedConfig feed, VenuesConfig venues, string file, string at)
    {
        if (feed.Type is not ("simulator" or "csv" or "fix" or "binance"))
        {
            throw new ConfigException(file, $"{at}.type", $"'{feed.Type}' is not 'simulator', 'csv', 'fix' or 'binance'");
        }

        if (feed.Type == "binance")
        {
            ValidateBinanceFeed(feed, file, at);
        }
        else if (feed.Type == "simulator")
        {
            Positive(file, $"{at}.ticksPerSecond", feed.TicksPerSecond);
        }
        else if (feed.Type == "fix")
        {
            if (string.IsNullOrWhiteSpace(feed.Session) || !venues.Fix.ContainsKey(feed.Session))
            {
                throw new ConfigException(file, $"{at}.session", $"'{feed.Session}' names no session under venues.fix; a fix feed takes its prices from one ({string.Join(", ", venues.Fix.Keys)})");
            }

            if (feed.Symbols.Count == 0)
            {
                throw new ConfigException(file, $"{at}.symbols", "a fix feed subscribes to the symbols it names; list them");
            }

            if (feed.Depth is < 0 or > MaxFixDepth)
            {
                throw new ConfigException(file, $"{at}.depth", $"{feed.Depth} is not 0 (the full book) or 1 to {MaxFixDepth} levels");
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(feed.Path))
            {
                throw new ConfigException(file, $"{at}.path", "a csv feed needs the file to replay");
            }

            if (string.IsNullOrWhiteSpace(feed.Symbol))
            {
                throw new ConfigException(file, $"{at}.symbol", "a csv feed needs the symbol its rows belong to");
            }

            if (!double.IsFinite(feed.Speed) || feed.Speed < 0)
            {
                throw new ConfigException(file, $"{at}.speed", $"{feed.Speed} is not 0 (as fast as possible) or a positive speed");
            }
        }
    }

    private const int MaxFixDepth = 100;

    /// <summary>Binance's documented limit of streams on one connection.</summary>
    private const int MaxBinanceStreams = 1_024;

    private static void Positive(string file, string field, double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ConfigException(file, field, $"{value} is not a positive number");
        }
    }

    private static void NotNegative(string file, string field, double value)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ConfigException(file, field, $"{value} is negative");
        }
    }

    private static void CheckWaitStrategy(string file, string field, string name)
    {
        try
        {
            WaitStrategyFactory.Create(name);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(file, field, e.Message);
        }
    }
}
