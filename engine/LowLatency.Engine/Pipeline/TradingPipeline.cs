using LowLatency.Disruptor;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// The five stages over one trading core: the same objects run on the ring's threads (live) or one after the
/// other on the caller's thread (<see cref="Process"/>, backtests) — backtest/live parity by construction.
/// </summary>
public sealed class TradingPipeline
{
    /// <summary>Stage names in pipeline order (engine.json's thread layout refers to them).</summary>
    public static readonly IReadOnlyList<string> StageNames = ["ingest", "indicators", "signals", "risk", "routing"];

    /// <param name="publishBars">Live with a bridge: build one-minute bars of every instrument for it (<see cref="MinuteBars"/>).</param>
    /// <param name="warmOrderPathEvery">Live only: how often an idle trading thread runs a throw-away order through the order path (see <see cref="OrderPathWarmer"/>); null for none (backtests).</param>
    /// <param name="venues">Live: the venue router over the paper exchange (<see cref="TradingCore"/>); null trades everything on paper.</param>
    public TradingPipeline(InstrumentRegistry registry, IReadOnlyList<Strategy> strategies, AccountOptions account, RiskLimits risk, PaperExchangeOptions exchange, bool measureLatency, TimeSpan? warmOrderPathEvery = null, bool publishBars = false, Func<PaperExchange, IVenue>? venues = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(strategies);
        Registry = registry;
        Strategies = strategies;
        Core = new TradingCore(registry, account, risk, exchange, venues: venues);
        Latency = measureLatency ? new PipelineLatency() : null;
        Ingest = new IngestStage(registry.Count, measureLatency);
        Indicators = new IndicatorStage(registry, strategies, measureLatency);
        StrategySignals = new LatestValues<SignalEvent>(strategies.Count);
        Signals = new SignalStage(strategies, Latency, StrategySignals);
        Risk = new RiskStage(Core, strategies, measureLatency);
        Warmer = warmOrderPathEvery is { } every ? new OrderPathWarmer(registry, strategies, account, risk, exchange, Core.Account, Core.Orders, Risk, every) : null;
        Quotes = new LatestValues<Tick>(registry.Count);
        MinuteBars = publishBars ? new MinuteBars(registry) : null;
        Routing = new RoutingStage(Core, Latency, Warmer, Quotes, MinuteBars);
    }

    public InstrumentRegistry Registry { get; }

    public IReadOnlyList<Strategy> Strategies { get; }

    public TradingCore Core { get; }

    /// <summary>Null when latency is not measured (backtests: timestamps would cost more than the work).</summary>
    public PipelineLatency? Latency { get; }

    public OrderPathWarmer? Warmer { get; }

    /// <summary>The latest quote per instrument as the trading thread saw it, readable from any thread.</summary>
    public LatestValues<Tick> Quotes { get; }

    /// <summary>One-minute bars for the bridge (null unless asked for).</summary>
    public MinuteBars? MinuteBars { get; }

    /// <summary>Each strategy's latest decision (long, short or flat) as the signal stage made it, readable from any thread.</summary>
    public LatestValues<SignalEvent> StrategySignals { get; }

    public IngestStage Ingest { get; }

    public IndicatorStage Indicators { get; }

    public SignalStage Signals { get; }

    public RiskStage Risk { get; }

    public RoutingStage Routing { get; }

    /// <summary>The stage handler for a name in <see cref="StageNames"/>.</summary>
    public IEventHandler<EngineEvent> Stage(string name) => name switch
    {
        "ingest" => Ingest,
        "indicators" => Indicators,
        "signals" => Signals,
        "risk" => Risk,
        "routing" => Routing,
        _ => throw new ArgumentException($"Unknown stage '{name}'.", nameof(name)),
    };

    /// <summary>Runs every stage on one event, in order, on the calling thread.</summary>
    public void Process(ref EngineEvent entry, long sequence, bool endOfBatch)
    {
        Ingest.OnEvent(ref entry, sequence, endOfBatch);
        Indicators.OnEvent(ref entry, sequence, endOfBatch);
        Signals.OnEvent(ref entry, sequence, endOfBatch);
        Risk.OnEvent(ref entry, sequence, endOfBatch);
        Routing.OnEvent(ref entry, sequence, endOfBatch);
    }
}
