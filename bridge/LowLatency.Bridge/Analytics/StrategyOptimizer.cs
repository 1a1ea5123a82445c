using System.Collections.Concurrent;
using System.Text.Json;
using LowLatency.Analytics.Optimisation;
using LowLatency.Bridge.Configuration;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using LowLatency.Work;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Optimises any config strategy over the parameter ranges its type declares (<see cref="StrategyLoader.Describe"/>):
/// walk-forward (<see cref="WalkForwardSearch"/>), each fold searched in sample by <see cref="ParameterSearch"/> with one
/// backtest per point, in parallel on every core, and its best judged out of sample; the recommendation is the
/// latest fold's best. Backtests use the engine's backtester on the history store's bars where they cover the
/// range, else on seeded synthetic history (at most <see cref="MaxTicksPerBacktest"/> ticks each). Jobs run one at a time with the other backtests.
/// With <c>Bridge:Work:Nats</c> the backtests run on workers instead (<see cref="WorkQueue"/>), each task carrying
/// what this process would have used, so the job's result is the same.
/// </summary>
public sealed class StrategyOptimizer(InstrumentRegistry registry, AccountOptions account, RiskLimits risk, BacktestService backtests, IOptions<BridgeOptions> options, WorkQueue work, JobBoard board)
    : IResumableJobs
{
    public const long MaxTicksPerBacktest = 200_000;

    /// <summary>The kind's name on the <see cref="JobBoard"/>.</summary>
    public const string Kind = "optimization";

    public static readonly IReadOnlyList<string> Objectives = ["sharpe", "sortino", "return", "calmar", "profit_factor", "win_rate"]; // of BacktestObjectives

    private readonly ConcurrentDictionary<string, OptimizationJob> _jobs = new();

    public OptimizationJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The searchable dimensions of a strategy (numbers, whole numbers, words; each ensemble weight 0–1), optionally only the named ones.</summary>
    public IReadOnlyList<Dimension> Space(StrategyDefinition definition, string file, IReadOnlyList<string>? only)
    {
        var dimensions = new List<Dimension>();
        foreach (var spec in StrategyLoader.Describe(definition, file, registry))
        {
            switch (spec.Kind)
            {
                case "number":
                    dimensions.Add(Dimension.Continuous(spec.Name, spec.Min!.Value, spec.Max!.Value));
                    break;
                case "integer":
                    dimensions.Add(Dimension.Integer(spec.Name, (int)spec.Min!.Value, (int)Math.Min(spec.Max!.Value, 10_000)));
                    break;
                case "word":
                    dimensions.Add(Dimension.Categorical(spec.Name, spec.Allowed!));
                    break;
                default:
                    dimensions.AddRange(spec.Allowed!.Select(w => Dimension.Continuous($"{spec.Name}.{w}", 0, 1)));
                    break;
            }
        }

        return only is null ? dimensions : [.. dimensions.Where(d => only.Contains(d.Name, StringComparer.OrdinalIgnoreCase))];
    }

    string IResumableJobs.Kind => Kind;

    public OptimizationJob Start(OptimizationRequest request) => Start(request, JobBoard.NewId(), 0);

    /// <summary>Runs again, from what <see cref="Start(OptimizationRequest)"/> put on the board, a job whose bridge stopped: the strategy by its name in this bridge's strategy files.</summary>
    public void Resume(string id, string request, int attempt)
    {
        var boarded = JsonSerializer.Deserialize<BoardedRequest>(request, Realtime.Frames.Json) ?? throw new JsonException("an empty request");
        var found = StrategyLoader.LoadDefinitions(options.Value.Strategies).FirstOrDefault(d => string.Equals(d.Definition.Name, boarded.Strategy, StringComparison.OrdinalIgnoreCase));
        if (found.Definition is null)
        {
            throw new ArgumentException($"no strategy '{boarded.Strategy}' in {options.Value.Strategies}");
        }

        Start(new OptimizationRequest(found.Definition, found.File, registry[boarded.InstrumentId], boarded.From, boarded.To, boarded.Method, boarded.Budget, boarded.Objective,
            boarded.MaxDrawdown, boarded.MinTrades, boarded.Folds, boarded.Seed, boarded.Parameters), id, attempt);
    }

    /// <summary>Another bridge's job, from its answer on the board: its status, this bridge's file of its strategy and its recommendation.</summary>
    public (string? Status, string? File, IReadOnlyDictionary<string, object>? Recommended) FromBoard(string view)
    {
        var answer = JsonSerializer.Deserialize<JsonElement>(view);
        var status = answer.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (!answer.TryGetProperty("result", out var result) || result.ValueKind != JsonValueKind.Object)
        {
            return (status, null, null);
        }

        var name = result.GetProperty("strategy").GetString();
        var file = StrategyLoader.LoadDefinitions(options.Value.Strategies).FirstOrDefault(d => string.Equals(d.Definition.Name, name, StringComparison.OrdinalIgnoreCase)).File;
        var recommended = result.GetProperty("recommended").EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value.Clone(), StringComparer.OrdinalIgnoreCase);
        return (status, file, recommended);
    }

    private OptimizationJob Start(OptimizationRequest request, string id, int attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = new OptimizationJob(id, request);
        _jobs[job.Id] = job;
        var boarded = new BoardedRequest(request.Definition.Name, request.Instrument.Id, request.From, request.To, request.Method, request.Budget, request.Objective,
            request.MaxDrawdown, request.MinTrades, request.Folds, request.Seed, request.Parameters);
        board.Track(Kind, id, attempt, JsonSerializer.Serialize(boarded, Realtime.Frames.Json), () => job.Status, () => JobViews.Optimization(job),
            lost: () =>
            {
                _jobs.TryRemove(KeyValuePair.Create(id, job));
                job.Cancel();
            },
            job.Cancel);
        _ = backtests.ExclusiveAsync(() =>
        {
            Run(job, attempt);
            return 0;
        });
        return job;
    }

    private void Run(OptimizationJob job, int attempt)
    {
        var r = job.Request;
        try
        {
            job.Running();
            var space = Space(r.Definition, r.File, r.Parameters);
            var history = backtests.Stored(r.Instrument, r.From.ToUnixTimeMilliseconds(), r.To.ToUnixTimeMilliseconds()); // read once; each backtest takes its window
            using var remote = work.Enabled ? new RemoteJobScope(work.OpenJobAsync(JobBoard.WorkId(job.Id, attempt), job.Cancellation).GetAwaiter().GetResult()) : null;
            var results = WalkForwardSearch.Run(
                space, r.Method, r.From, r.To, r.Folds, r.Budget, r.Seed,
                (values, from, to, _) => Evaluate(r, space, values, from, to, history, remote?.Job, job.Cancellation),
                remote is null ? Environment.ProcessorCount : work.Parallelism,
                (done, total, fold, best) => job.Report((double)done / total, done, best is null ? null : new { fold, parameters = Named(space, best.Values), inSampleScore = Math.Round(best.Score, 6) }),
                job.Cancellation);
            var recommended = results.LastOrDefault(f => f.Best is not null)?.Best is { } latest ? Named(space, latest.Values) : new Dictionary<string, object>();
            var folds = results.Select(f => new
            {
                fold = f.Window.Fold,
                inSample = new { from = Iso(f.Window.InSampleFrom), to = Iso(f.Window.InSampleTo) },
                outOfSample = new { from = Iso(f.Window.OutOfSampleFrom), to = Iso(f.Window.OutOfSampleTo) },
                trials = f.Trials.Count,
                feasibleTrials = f.Trials.Count(t => t.Feasible),
                best = f.Best is null ? null : new { parameters = Named(space, f.Best.Values), inSampleScore = Math.Round(f.Best.Score, 6), inSampleMetrics = f.Best.Detail },
                outOfSampleResult = f.OutOfSample is { } o ? new { score = Math.Round(o.Score, 6), feasible = o.Feasible, metrics = o.Detail } : null,
            }).ToList();

            job.Complete(
                new
                {
                    strategy = r.Definition.Name,
                    symbol = r.Instrument.Symbol,
                    method = r.Method,
                    objective = r.Objective,
                    constraints = new { maxDrawdown = r.MaxDrawdown, minTrades = r.MinTrades },
                    space = space.Select(d => new { name = d.Name, kind = d.Kind.ToString().ToLowerInvariant(), min = d.Min, max = d.Max, choices = d.Choices }).ToList(),
                    // What every backtest ran on: the store's bars where they cover the range, else seeded synthetic history.
                    data = history is null ? new { source = PriceSources.Synthetic, timeframe = (string?)null, bars = 0 } : new { source = history.Source, timeframe = (string?)history.Timeframe.Name(), bars = history.Bars.Count },
                    folds,
                    recommended,
                    current = r.Definition.Parameters,
                    note = recommended.Count == 0 ? "no feasible point in any fold: loosen the constraints or widen the range" : "recommended = the latest fold's in-sample best; its out-of-sample result is the last fold's",
                },
                recommended);
        }
        catch (OperationCanceledException)
        {
            job.Cancelled();
        }
        catch (Exception e) when (Failure(e) is { } failure)
        {
            job.Fail(failure.Message);
        }
    }

    /// <summary>What makes a job fail with its reason, also from inside the search's parallel loop (which wraps it).</summary>
    private static Exception? Failure(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.Select(Failure).FirstOrDefault(f => f is not null),
        LowLatency.Engine.Configuration.ConfigException or ArgumentException or InvalidOperationException or TimeoutException or NATS.Client.Core.NatsException => e,
        _ => null,
    };

    /// <summary>A point's score; a combination the strategy refuses (e.g. a slow limit above the fast one) is infeasible, with the reason.</summary>
    private WalkForwardResult Evaluate(OptimizationRequest r, IReadOnlyList<Dimension> space, object[] values, DateTimeOffset from, DateTimeOffset to, HistoryBars? history,
        RemoteWorkJob? remote, CancellationToken cancellation)
    {
        var definition = r.Definition with { Parameters = Parameters(r.Definition.Parameters, Named(space, values)) };
        var seed = (ulong)options.Value.SyntheticSeed;
        if (remote is not null)
        {
            var task = new BacktestTask
            {
                Job = remote.Id, Task = remote.NextTask(), Definition = definition, File = r.File, Symbol = r.Instrument.Symbol, From = from, To = to,
                MaxTicks = MaxTicksPerBacktest, Seed = seed, Account = account, Risk = risk, History = HistoryWindow.Of(history, from, to),
            };
            var done = remote.RunAsync(task, cancellation).GetAwaiter().GetResult(); // the search's own threads wait: it holds as many in flight as it has
            return done.Metrics is { } metrics ? Judged(metrics, r) : Refused(done.Refused ?? "the worker gave no metrics");
        }

        try
        {
            return Judged(StrategyBacktest.Run(registry, definition, r.File, r.Instrument, from, to, MaxTicksPerBacktest, seed, account, risk, history).Metrics, r);
        }
        catch (LowLatency.Engine.Configuration.ConfigException e)
        {
            return Refused(e.Message);
        }
    }

    private static WalkForwardResult Judged(BacktestMetrics metrics, OptimizationRequest r)
    {
        var (score, feasible, detail) = Judge(metrics, r);
        return new WalkForwardResult(score, feasible, detail);
    }

    private static WalkForwardResult Refused(string why) => new(double.NegativeInfinity, false, new { refused = why });

    /// <summary>The objective (higher is better) and whether the constraints hold.</summary>
    internal static (double Score, bool Feasible, object? Detail) Judge(BacktestMetrics m, OptimizationRequest r)
    {
        var feasible = (r.MaxDrawdown is not { } maxDd || m.MaxDrawdownPercent / 100 <= maxDd) && (r.MinTrades is not { } minTrades || m.Trades >= minTrades);
        return (BacktestObjectives.Score(m, r.Objective), feasible, Summary(m));
    }

    private static object Summary(BacktestMetrics m) => new
    {
        totalReturn = Math.Round(m.TotalReturnPercent / 100, 6),
        sharpeRatio = m.SharpeRatio,
        sortinoRatio = m.SortinoRatio,
        maxDrawdown = Math.Round(m.MaxDrawdownPercent / 100, 6),
        winRate = Math.Round(m.WinRatePercent / 100, 6),
        profitFactor = m.ProfitFactor,
        trades = m.Trades,
    };

    /// <summary>Values by dimension name, ensemble weights (<c>weights.gann</c> …) gathered into their object.</summary>
    internal static IReadOnlyDictionary<string, object> Named(IReadOnlyList<Dimension> space, object[] values)
    {
        var named = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < space.Count; i++)
        {
            var dot = space[i].Name.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                named[space[i].Name] = values[i] is double d ? Math.Round(d, 6) : values[i];
                continue;
            }

            var (group, key) = (space[i].Name[..dot], space[i].Name[(dot + 1)..]);
            if (named.GetValueOrDefault(group) is not Dictionary<string, double> weights)
            {
                named[group] = weights = [];
            }

            weights[key] = Math.Round((double)values[i], 6);
        }

        return named;
    }

    /// <summary>The file's parameters with <paramref name="values"/> put in place.</summary>
    internal static Dictionary<string, JsonElement> Parameters(IReadOnlyDictionary<string, JsonElement> current, IReadOnlyDictionary<string, object> values)
    {
        var merged = new Dictionary<string, JsonElement>(current, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            merged[name] = JsonSerializer.SerializeToElement(value);
        }

        return merged;
    }

    private static string Iso(DateTimeOffset t) => Api.Timestamps.Iso(t);

    /// <summary>An <see cref="OptimizationRequest"/> as the board keeps it: the strategy and instrument by name and id, so any bridge can run it.</summary>
    private sealed record BoardedRequest(string Strategy, int InstrumentId, DateTimeOffset From, DateTimeOffset To, SearchMethod Method, int Budget, string Objective,
        double? MaxDrawdown, int? MinTrades, int Folds, int Seed, IReadOnlyList<string>? Parameters);
}
