using System.Collections.Concurrent;
using LowLatency.Analytics;
using LowLatency.Analytics.Ml;
using LowLatency.Bridge.Configuration;
using LowLatency.Engine.MarketData;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Models per symbol, timeframe and horizon, saved under <c>DATA/models/</c> and cached once loaded; training jobs
/// on the same candles the analysis routes use (<see cref="AnalysisHistory"/>), one at a time with the backtests.
/// </summary>
public sealed class MlService(AnalysisHistory history, BacktestService backtests, IOptions<BridgeOptions> options)
{
    public const int DefaultLookbackDays = 1500;

    private readonly ConcurrentDictionary<string, MlModel> _models = new();
    private readonly ConcurrentDictionary<string, MlJob> _jobs = new();

    public MlJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    /// <summary>The saved model for the key, or null; an unusable one (another feature version) is an error text.</summary>
    public (MlModel? Model, string? Error) Get(Instrument instrument, string timeframe, int horizon)
    {
        var key = Key(instrument, timeframe, horizon);
        if (_models.TryGetValue(key, out var cached))
        {
            return (cached, null);
        }

        try
        {
            var model = MlModel.Load(Path.Combine(options.Value.DataDirectory, "models", key));
            if (model is not null)
            {
                _models[key] = model;
            }

            return (model, null);
        }
        catch (InvalidDataException e)
        {
            return (null, e.Message);
        }
    }

    public MlJob Train(Instrument instrument, string symbol, Timeframe timeframe, int lookbackDays, MlOptions settings)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var job = new MlJob(Guid.NewGuid().ToString("N")[..12], symbol, timeframe.Name());
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            var (bars, _, error) = await history.GetAsync(instrument, timeframe, lookbackDays, warmupBars: 0).ConfigureAwait(false);
            if (error is not null)
            {
                job.Fail(error);
                return;
            }

            await backtests.ExclusiveAsync(() =>
            {
                Run(job, instrument, timeframe, bars, settings);
                return 0;
            }).ConfigureAwait(false);
        });
        return job;
    }

    private void Run(MlJob job, Instrument instrument, Timeframe timeframe, List<PriceBar> bars, MlOptions settings)
    {
        try
        {
            job.Running();
            var model = MlTrainer.Train(instrument.Symbol, timeframe.Name(), bars, settings, job.ReportProgress, CancellationToken.None);
            var key = Key(instrument, timeframe.Name(), settings.Horizon);
            model.Save(Path.Combine(options.Value.DataDirectory, "models", key));
            _models[key] = model;
            job.Complete(model);
        }
        catch (ArgumentException e)
        {
            job.Fail(e.Message);
        }
    }

    private static string Key(Instrument instrument, string timeframe, int horizon) => $"{instrument.Symbol.Replace('/', '_')}_{timeframe}_h{horizon}";
}
