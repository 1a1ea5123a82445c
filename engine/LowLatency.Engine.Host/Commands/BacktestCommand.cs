using System.Globalization;
using System.Text.Json;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;
using LowLatency.History;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data FILE.csv] [--out FILE.json]</c>: the
/// pipeline's stages over history on one thread with a progress bar; prints the metrics and writes the result.
/// Without a data file it runs on the history store's bars when they cover the range (the finest timeframe that
/// does; a cluster's PostgreSQL store where the config's <c>cluster.database</c> names one), else on seeded synthetic
/// history (a tick a second), and says which.
/// </summary>
public static class BacktestCommand
{
    public static int Run(CommandLine options, TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        var config = EngineCommand.LoadConfig(options.Value("--config"));
        var strategyName = options.Required("--strategy");
        var symbol = options.Required("--symbol");
        var from = options.Date("--from");
        var to = options.Date("--to");
        var data = options.Value("--data");
        var outPath = options.Value("--out");
        var intervalText = options.Value("--tick-ms");
        var seedText = options.Value("--seed");
        var dataDirectory = TradingStore.ResolveDataDirectory(options.Value("--data-dir"));
        options.RejectUnknown();
        if (to <= from)
        {
            throw new CommandLineException("--to must be after --from");
        }

        var intervalMs = intervalText is null ? 1000 : long.TryParse(intervalText, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : throw new CommandLineException("--tick-ms must be a positive whole number");
        var seed = seedText is null ? 42UL : ulong.TryParse(seedText, CultureInfo.InvariantCulture, out var s) ? s : throw new CommandLineException("--seed must be a whole number ≥ 0");

        var registry = InstrumentRegistry.Load(config.Instruments);
        if (!registry.TryResolve(symbol, out var instrument))
        {
            throw new CommandLineException($"--symbol: unknown symbol '{symbol}'; known: {string.Join(", ", registry.All.Select(i => i.Symbol))}");
        }

        var definition = StrategyLoader.LoadDefinitions(config.Strategies).FirstOrDefault(d => string.Equals(d.Definition.Name, strategyName, StringComparison.OrdinalIgnoreCase));
        if (definition.Definition is null)
        {
            var known = string.Join(", ", StrategyLoader.LoadDefinitions(config.Strategies).Select(d => d.Definition.Name));
            throw new CommandLineException($"--strategy: no strategy named '{strategyName}' in {config.Strategies}; known: {known}");
        }

        // The strategy's logic and parameters, on the symbol asked for.
        var strategies = StrategyLoader.Build([(definition.Definition with { Symbols = [instrument.Symbol], Enabled = true }, definition.File)], registry);
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        HistoryBars? stored = null;
        if (data is null)
        {
            using var store = BarStores.Open(dataDirectory, config.Cluster.Database);
            stored = StoredHistory.Covering(store, instrument.Symbol, fromMs, toMs);
        }

        using ITickSource source = data is not null ? new CsvTickSource(data, instrument, fromMs, toMs)
            : stored is not null ? new StoredBarTickSource(stored.Bars, instrument, stored.Timeframe, stored.Source)
            : new SimulatedTickSource(registry, [instrument.Id], fromMs, toMs, intervalMs, new SimulatorOptions { Seed = seed });
        output.WriteLine(data is not null ? $"Data: {source.Description}."
            : stored is not null ? $"Data: the history store's {source.Description}."
            : $"No --data file and no stored bars of {instrument.Symbol} cover {from:yyyy-MM-dd} → {to:yyyy-MM-dd}: using seeded synthetic history ({source.Description}). Import real bars with ./run.sh import.");

        var bar = new ProgressBar(progress);
        var result = BacktestRunner.Run(registry, strategies, source, new BacktestOptions
        {
            Account = config.Account, Risk = config.Risk, Exchange = config.Exchange, Progress = bar.Report,
        }, from, to, synthetic: source.Source == PriceSources.Synthetic);
        bar.Done();
        if (source is StoredBarTickSource { Skipped: > 0 } skipped)
        {
            output.WriteLine($"warning: {skipped.Skipped} stored bar(s) had prices {instrument.Symbol}'s tick size cannot hold and were left out");
        }

        outPath ??= Path.Combine(dataDirectory, "backtests", $"{definition.Definition.Name}-{instrument.Symbol}-{from:yyyyMMdd}-{to:yyyyMMdd}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        File.WriteAllText(outPath, JsonSerializer.Serialize(result, TradingCore.SnapshotJson));
        var m = result.Metrics;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            backtest {result.Strategy} on {result.Symbol} {from:yyyy-MM-dd} → {to:yyyy-MM-dd} ({result.Data})
              data             {result.DataSource}, {result.DataFrom:yyyy-MM-dd HH:mm} → {result.DataTo:yyyy-MM-dd HH:mm}{(result.InputBars is { } n ? $", {n:N0} bars" : "")}
              ticks            {result.Ticks:N0} ({result.TicksPerSecond / 1e6:F2} M ticks/s, {result.ElapsedSeconds:F2} s), bars {result.Bars:N0}
              total return     {m.TotalReturnPercent:F2} %   (equity {m.InitialEquity:F2} → {m.FinalEquity:F2})
              sharpe           {m.SharpeRatio:F2}
              sortino          {m.SortinoRatio:F2}
              max drawdown     {m.MaxDrawdownPercent:F2} %
              win rate         {m.WinRatePercent:F2} %  ({m.Wins} wins, {m.Losses} losses)
              profit factor    {(m.ProfitFactor is { } pf ? pf.ToString("F2", CultureInfo.InvariantCulture) : "n/a (no losing trade)")}
              trades           {m.Trades} closing fills, {m.Fills} fills, {m.Orders} orders, {m.RejectedOrders} rejected, fees {m.Fees:F2}
              result           {Path.GetFullPath(outPath)}
            """));
        return 0;
    }
}
