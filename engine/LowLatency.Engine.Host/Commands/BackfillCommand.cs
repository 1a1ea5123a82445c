using System.Globalization;
using LowLatency.Binance;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.History;
using LowLatency.History.Binance;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>backfill --symbol SYM --from DATE [--to DATE] [--binance-symbol BTCUSDT] [--market spot|futures]
/// [--network production|testnet] [--data-dir DIR] [--database POSTGRES] [--instruments FILE]</c>: Binance's one-minute klines
/// over the span (to now by default) into the history store the bridge serves (<see cref="KlineBackfill"/>; a cluster's PostgreSQL with <c>--database</c>), with a progress bar;
/// then how many bars, how many requests and which minutes Binance had none for. Binance's address comes from
/// <c>LL_BINANCE_REST_URL</c> (<c>LL_BINANCE_FUTURES_REST_URL</c>) when set; klines need no key.
/// </summary>
public static class BackfillCommand
{
    private const int GapsListed = 10;

    public static int Run(CommandLine options, TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);
        var symbolText = options.Required("--symbol");
        var from = options.Date("--from");
        var to = options.Value("--to") is null ? DateTimeOffset.UtcNow : options.Date("--to");
        var exchangeSymbol = options.Value("--binance-symbol");
        var marketText = options.Value("--market") ?? "spot";
        var network = options.Value("--network") ?? "production";
        var dataDirectory = TradingStore.ResolveDataDirectory(options.Value("--data-dir"));
        var instruments = options.Value("--instruments") ?? "config/instruments.json";
        var databaseText = options.Value("--database");
        options.RejectUnknown();
        var market = marketText switch
        {
            "spot" => BinanceMarket.Spot,
            "futures" => BinanceMarket.UsdMFutures,
            _ => throw new CommandLineException($"--market: '{marketText}' is not spot or futures"),
        };
        if (network is not ("production" or "testnet"))
        {
            throw new CommandLineException($"--network: '{network}' is not production or testnet");
        }

        if (from >= to)
        {
            throw new CommandLineException($"--from {from:yyyy-MM-dd} is not before --to {to:yyyy-MM-dd}");
        }

        var instrument = SymbolOption.Resolve(symbolText, instruments);

        exchangeSymbol ??= BinanceSymbol.Of(instrument.Symbol, instrument.Aliases);
        using var store = BarStores.Open(dataDirectory, databaseText);
        var bar = new ProgressBar(progress);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var client = new BinanceRestClient(http, BinanceEndpoints.Rest(market, network == "testnet"), market, credentials: null, RequestBudget.For(market));
        KlineBackfillResult result;
        try
        {
            result = KlineBackfill.RunAsync(client, market, exchangeSymbol, instrument.Symbol, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), store, bar.Report)
                .GetAwaiter().GetResult();
        }
        catch (InvalidOperationException e)
        {
            progress.WriteLine();
            output.WriteLine($"error: {e.Message}");
            return 1;
        }

        bar.Done();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"backfilled {result.Rows} 1m bars of {instrument.Symbol} from Binance {marketText} ({exchangeSymbol}) in {result.Requests} request(s): {from:yyyy-MM-ddTHH:mm:ssZ} … {to:yyyy-MM-ddTHH:mm:ssZ} → {store.Location}"));
        output.WriteLine(result.Gaps.Count == 0 ? "no minutes missing" : $"{result.Gaps.Count} gap(s), {result.Gaps.Sum(g => g.MissingMinutes)} minute(s) Binance has no kline for:");
        foreach (var (after, missing) in result.Gaps.Take(GapsListed))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {missing} minute(s) missing after {DateTimeOffset.FromUnixTimeMilliseconds(after):yyyy-MM-ddTHH:mm:ssZ}"));
        }

        return 0;
    }
}
