using LowLatency.Analytics;
using LowLatency.Bridge.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>
/// The common part of the analysis bodies (<c>{symbol?, timeframe?, lookbackDays?}</c>) and the candles they
/// name: one parser for the Gann and cycle routes, so every route validates alike. Defaults: <c>BTC-USD</c>,
/// <c>1d</c>, and the route's lookback; <c>synthetic: true</c> asks for made-up history. What the candles are
/// goes into the response headers (<see cref="DataHeaders"/>).
/// </summary>
public sealed record AnalysisRequest(RequestBody Body, string Symbol, Instrument Instrument, string Timeframe, List<OhlcvBar> Bars, CandleSet Data)
{
    public const int MaxLookbackDays = 3650;

    public double LastClose => Bars[^1].Close;

    public static async Task<(AnalysisRequest? Request, IResult? Problem)> ReadAsync(HttpRequest http, EngineAccess engine, AnalysisHistory history, int defaultLookbackDays)
    {
        var (body, problem) = await RequestBody.ReadAsync(http).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var timeframeText = error is null ? body.String("timeframe", out error) ?? "1d" : "1d";
        var lookback = error is null ? body.Number("lookbackDays", out error) ?? defaultLookbackDays : 0;
        var synthetic = error is null && (body.Boolean("synthetic", out error) ?? false);
        if (error is not null)
        {
            return (null, Problems.BadRequest(error));
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return (null, EngineAccess.UnknownSymbol(symbol));
        }

        if (!TimeframeText.TryParse(timeframeText, out var timeframe))
        {
            return (null, Problems.BadRequest(TimeframeText.Unknown(timeframeText)));
        }

        if (lookback < 2 || lookback > MaxLookbackDays || lookback != decimal.Truncate(lookback))
        {
            return (null, Problems.BadRequest($"lookbackDays must be a whole number from 2 to {MaxLookbackDays}"));
        }

        var (bars, _, invalid, data) = await history.GetAsync(instrument, timeframe, (int)lookback, warmupBars: 0, synthetic).ConfigureAwait(false);
        if (invalid is not null)
        {
            return (null, Problems.BadRequest(invalid));
        }

        DataHeaders.Apply(http.HttpContext.Response, data);
        return bars.Count < 2
            ? (null, Problems.BadRequest(data.TooFew(instrument.Symbol, timeframe, 2)))
            : (new AnalysisRequest(body, symbol, instrument, timeframeText, bars, data), null);
    }

    /// <summary>An optional positive price field (e.g. <c>basePrice</c>); the error names the field.</summary>
    public (double? Value, IResult? Problem) Price(string field)
    {
        var value = Body.Number(field, out var error);
        return error is not null ? (null, Problems.BadRequest(error))
            : value is { } v && (v <= 0 || v > 1e12m) ? (null, Problems.BadRequest($"'{field}' must be a positive price (at most 1e12)"))
            : (value is null ? null : (double)value.Value, null);
    }

    /// <summary>An optional whole number field in a range.</summary>
    public (int? Value, IResult? Problem) Whole(string field, int min, int max)
    {
        var value = Body.Number(field, out var error);
        return error is not null ? (null, Problems.BadRequest(error))
            : value is { } v && (v < min || v > max || v != decimal.Truncate(v)) ? (null, Problems.BadRequest($"'{field}' must be a whole number from {min} to {max}"))
            : (value is null ? null : (int)value.Value, null);
    }
}
