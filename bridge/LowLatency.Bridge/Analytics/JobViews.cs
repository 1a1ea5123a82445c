using LowLatency.Analytics.Ml;
using LowLatency.Binance;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Storage;

namespace LowLatency.Bridge.Analytics;

/// <summary>What a poll for a job answers, one shape per kind: the bridge running the job and <see cref="JobBoard"/> (for every other bridge) give the same.</summary>
public static class JobViews
{
    public static object Backtest(BacktestJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new { id = job.Id, status = job.Status, progress = Math.Round(job.Progress, 4), error = job.Error, result = job.Report };
    }

    public static object Optimization(OptimizationJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new
        {
            id = job.Id,
            status = job.Status,
            progress = Math.Round(job.Progress, 4),
            backtests = job.Backtests,
            bestSoFar = job.BestSoFar,
            result = job.Result,
            error = job.Error,
            created = Timestamps.Iso(job.Created),
        };
    }

    public static object Training(MlJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new { trainingId = job.Id, status = job.Status, progress = Math.Round(job.Progress, 4), symbol = job.Symbol, timeframe = job.Timeframe, error = job.Error, model = job.Metadata is { } m ? Model(m) : null, result = job.Result };
    }

    public static object Backfill(BackfillJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new
        {
            id = job.Id,
            status = job.Status,
            progress = Math.Round(job.Progress, 4),
            symbol = job.Symbol,
            exchange = BinanceExchanges.Name(job.Market),
            exchange_symbol = job.ExchangeSymbol,
            testnet = job.Testnet,
            from = Timestamps.Iso(job.FromMs),
            to = Timestamps.Iso(job.ToMs),
            bars = job.Result?.Rows,
            requests = job.Result?.Requests,
            gaps = job.Result?.Gaps.Select(g => new { after = Timestamps.Iso(g.AfterMs), missing_minutes = g.MissingMinutes }).ToList(),
            error = job.Error,
            poll = $"/api/history/backfill/{job.Id}",
        };
    }

    /// <summary>A trained model's metadata: the training's answer and every prediction's.</summary>
    public static object Model(MlMetadata m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new
        {
            trainedAt = Timestamps.Iso(m.TrainedAt),
            dataFrom = Timestamps.Iso(m.DataFromMs),
            dataTo = Timestamps.Iso(m.DataToMs),
            rows = m.Rows,
            horizonBars = m.Options.Horizon,
            featureVersion = m.FeatureVersion,
            features = m.Features,
            folds = m.Folds.Select(f => new { fold = f.Fold, trainRows = f.TrainRows, testRows = f.TestRows, accuracy = N(f.Accuracy), auc = N(f.Auc), logLoss = N(f.LogLoss), brier = N(f.Brier), returnRmse = N(f.ReturnRmse) }).ToList(),
            validation = "walk-forward, purged and embargoed: each fold trains only on rows whose label window ends before its test block",
        };
    }

    private static double? N(double v) => double.IsFinite(v) ? v : null;
}
