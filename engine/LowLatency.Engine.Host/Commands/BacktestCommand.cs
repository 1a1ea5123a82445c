using System.Globalization;
using System.Text.Json;
using LowLatency.Engine.Backtest;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>backtest --strategy NAME --symbol SYM --from DATE --to DATE [--data FILE.csv] [--out FILE.json]</c>: the
/// pipeline's stages over history on one thread with a progress bar; prints the metrics and writes the result.
/// Without a data file it generates seeded synthetic history (a tick a second) and says so.
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
        using ITickSource source = data is null
            ? new SimulatedTickSource(registry, [instrument.Id], from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), intervalMs, new SimulatorOptions { Seed = seed })
            : new CsvTickSource(data, instrument, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        if (data is null)
        {
            output.WriteLine($"No --data file: using seeded synthetic history for {instrument.Symbol} ({source.Description}).");
        }

        var bar = new ProgressBar(progress);
        var result = BacktestRunner.Run(registry, strategies, source, new BacktestOptions
        {
            Account = config.Account, Risk = config.Risk, Exchange = config.Exchange, Progress = bar.Report,
        }, from, to, synthetic: data is null);
        bar.Done();

        outPath ??= Path.Combine(dataDirectory, "backtests", $"{definition.Definition.Name}-{instrument.Symbol}-{from:yyyyMMdd}-{to:yyyyMMdd}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        File.WriteAllText(outPath, JsonSerializer.Serialize(result, TradingCore.SnapshotJson));
        var m = result.Metrics;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            backtest {result.Strategy} on {result.Symbol} {from:yyyy-MM-dd} → {to:yyyy-MM-dd} ({result.Data})
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
