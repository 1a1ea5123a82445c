namespace LowLatency.Bridge.Api;

/// <summary>Contract 2.4 (latest): <c>GET /api/market-data/{symbol}/latest</c>, the frontend's <c>PriceUpdate</c> with the symbol as asked.</summary>
public static class MarketDataEndpoints
{
    public static void MapMarketData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/market-data/{**path}", (string path, EngineAccess engine) =>
        {
            // Catch-all so that "BTC/USDT/latest" (unencoded, as the frontend builds it) resolves.
            if (!path.EndsWith("/latest", StringComparison.Ordinal))
            {
                return Problems.NotFound($"no route GET /api/market-data/{path}");
            }

            var symbol = path[..^"/latest".Length];
            if (!engine.TryResolve(symbol, out var instrument))
            {
                return EngineAccess.UnknownSymbol(symbol);
            }

            var price = engine.Model.Price(instrument.Id);
            if (price is not { } p)
            {
                return Problems.EngineUnavailable($"no quote for {symbol} has reached the bridge yet");
            }

            return Results.Content(Realtime.Frames.PriceUpdate(symbol, p), "application/json");
        });
    }
}
