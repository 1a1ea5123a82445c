using LowLatency.Engine.Configuration;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Fix.Session;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Venues;

/// <summary>Builds the FIX and Binance venues <c>engine.json</c> names and the router that sends each instrument to its venue.</summary>
public static class VenueSetup
{
    /// <summary>The FIX venues with at least one instrument (credentials from their environment variables), by name.</summary>
    public static IReadOnlyList<FixVenue> Create(VenuesConfig config, InstrumentRegistry registry, string dataDirectory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var venues = new List<FixVenue>();
        foreach (var (name, session) in config.Fix)
        {
            var symbols = Routed(config, registry, name, instrument => instrument.Symbol);
            if (symbols.Count == 0)
            {
                continue;
            }

            var options = SessionOptions(name, session, dataDirectory);
            venues.Add(new FixVenue(name, options, session.ClOrdIdPrefix, registry, symbols, logger, new VenueOrderPolicy(session.CancelRetries, session.CancelRetryDelayMs, session.ReconcileTimeoutMs, session.SenderSpinUs, session.StaleOrderMs)));
        }

        return venues;
    }

    /// <summary>
    /// The Binance accounts with at least one instrument: keys from the environment (a missing key stops the start,
    /// naming the variables), addresses from the config, else the environment, else Binance's own.
    /// </summary>
    public static IReadOnlyList<BinanceVenue> CreateBinance(VenuesConfig config, InstrumentRegistry registry, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        var venues = new List<BinanceVenue>();
        foreach (var (name, account) in config.Binance)
        {
            var symbols = Routed(config, registry, name, instrument => LowLatency.Binance.BinanceSymbol.Of(instrument.Symbol, instrument.Aliases));
            if (symbols.Count == 0)
            {
                continue;
            }

            var market = account.IsFutures ? LowLatency.Binance.BinanceMarket.UsdMFutures : LowLatency.Binance.BinanceMarket.Spot;
            var credentials = LowLatency.Binance.BinanceCredentials.FromEnvironment(market)
                ?? throw new ConfigException("engine.json", $"venues.binance.{name}", LowLatency.Binance.BinanceCredentials.Missing);
            var rest = account.RestUrl is not null ? new Uri(account.RestUrl) : LowLatency.Binance.BinanceEndpoints.Rest(market, account.Testnet);
            var streams = account.WsUrl is not null ? new Uri(account.WsUrl) : LowLatency.Binance.BinanceEndpoints.Streams(market, account.Testnet);
            Uri? webSocketApi = account.UserDataStream != "webSocketApi" ? null
                : account.WsApiUrl is not null ? new Uri(account.WsApiUrl) : LowLatency.Binance.BinanceEndpoints.SpotWebSocketApi(account.Testnet);
            venues.Add(new BinanceVenue(name, account, rest, streams, credentials, registry, symbols, logger, webSocketApi: webSocketApi));
        }

        return venues;
    }

    /// <summary>The instruments <c>venues.instruments</c> routes to <paramref name="venue"/>, with the venue's symbol for each (given, or <paramref name="defaultSymbol"/>).</summary>
    private static Dictionary<int, string> Routed(VenuesConfig config, InstrumentRegistry registry, string venue, Func<Instrument, string> defaultSymbol)
    {
        var symbols = new Dictionary<int, string>();
        foreach (var (symbol, route) in config.Instruments)
        {
            if (route.Venue != venue)
            {
                continue;
            }

            if (!registry.TryResolve(symbol, out var instrument))
            {
                throw new ConfigException("engine.json", $"venues.instruments.{symbol}", $"unknown symbol '{symbol}'");
            }

            symbols[instrument.Id] = route.Symbol ?? defaultSymbol(instrument);
        }

        return symbols;
    }

    /// <summary>The options of the session <c>venues.fix.NAME</c> (credentials from their environment variables, its store under the data directory).</summary>
    public static FixSessionOptions SessionOptions(string name, FixSessionConfig session, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new FixSessionOptions
        {
            Host = session.Host, Port = session.Port, BeginString = session.BeginString, SenderCompId = session.SenderCompId, TargetCompId = session.TargetCompId,
            HeartBtIntSeconds = session.HeartBtInt, ResetOnLogon = session.ResetOnLogon, UseTls = session.Tls, TlsCaFile = session.TlsCaFile,
            Username = Secret(session.UsernameEnv, name), Password = Secret(session.PasswordEnv, name),
            StoreDirectory = Path.Combine(dataDirectory, "fix"), Schedule = FixSchedule.Parse(session.Start, session.End, session.Days),
            ReconnectMaxDelay = TimeSpan.FromSeconds(Math.Clamp(session.HeartBtInt, 1, 30)),
        };
    }

    /// <summary>The router over the paper exchange: every instrument on paper but those a real venue trades.</summary>
    public static Func<PaperExchange, IVenue>? Router(IReadOnlyList<IRemoteVenue> venues, int instrumentCount)
    {
        if (venues.Count == 0)
        {
            return null;
        }

        var assigned = new Dictionary<int, IVenue>();
        foreach (var venue in venues)
        {
            foreach (var instrument in venue.Instruments)
            {
                assigned[instrument] = venue;
            }
        }

        return paper => new VenueRouter(instrumentCount, paper, assigned);
    }

    private static string? Secret(string? variable, string session)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return null;
        }

        return Environment.GetEnvironmentVariable(variable)
            ?? throw new ConfigException("engine.json", $"venues.fix.{session}", $"the environment variable {variable} (named for its credentials) is not set");
    }
}
