using LowLatency.Bridge.Storage;
using LowLatency.Engine.Commands;

namespace LowLatency.Bridge.Api;

/// <summary>Contract 2.13–2.16: open positions, one by symbol, close (by id or body symbol), closed-position history.</summary>
public static class PositionEndpoints
{
    public static void MapPositions(this IEndpointRouteBuilder app)
    {
        app.MapPositionHistory();
        var positions = app.MapGroup("/api/positions");
        positions.MapGet("", (EngineAccess engine) => engine.Read(core => Results.Json(Views.Positions(core, engine.Model, null))));
        // Catch-all: the frontend puts "BTC/USDT" into the path unencoded.
        positions.MapGet("/{**symbol}", (string symbol, EngineAccess engine) =>
        {
            if (!engine.TryResolve(symbol, out var instrument))
            {
                return EngineAccess.UnknownSymbol(symbol);
            }

            return engine.Read(core => Views.Positions(core, engine.Model, (instrument.Id, symbol)) is [var position]
                ? Results.Json(position)
                : Problems.NotFound($"no open position in {symbol}"));
        });
        positions.MapPost("/{id}/close", Close);
    }

    /// <summary>Closed positions from the history store: survives restarts of the bridge and of the engine; works while the engine is away.</summary>
    private static void MapPositionHistory(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/positions/history", async (HistoryQueries history, BridgeStore store, int? limit) =>
        {
            await store.FlushAsync().ConfigureAwait(false); // what the engine reported so far, committed
            return Results.Json(history.ClosedPositions(HistoryLimit(limit)).Select(HistoryEntry).ToList());
        });
    }

    /// <summary>How many closed positions <c>/api/positions/history</c> gives for a <c>limit</c> asked (or not).</summary>
    internal static int HistoryLimit(int? limit) => Math.Clamp(limit ?? 1000, 1, 10_000);

    /// <summary>A closed position as <c>/api/positions/history</c> gives it.</summary>
    internal static object HistoryEntry(ClosedPositionRow t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new
        {
            id = t.Id,
            symbol = t.Symbol,
            side = t.Side,
            quantity = t.Quantity,
            entryPrice = t.EntryPrice,
            exitPrice = t.ExitPrice,
            realizedPnL = t.RealizedPnl,
            entryTime = t.EntryTimeMs == 0 ? null : Timestamps.Iso(t.EntryTimeMs),
            exitTime = Timestamps.Iso(t.ExitTimeMs),
        };
    }

    /// <summary>The close body is fully specified: anything else in it is a mistake, refused.</summary>
    internal static readonly HashSet<string> CloseFields = new(StringComparer.Ordinal) { "symbol" };

    private static async Task<IResult> Close(string id, HttpRequest request, EngineAccess engine, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, CloseFields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Position ids are the instrument's symbol; the frontend also sends the symbol in the body.
        var symbol = body!.String("symbol", out var error) ?? id;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        var before = engine.Model.Read(core => Views.Positions(core, engine.Model, (instrument.Id, symbol)).FirstOrDefault());
        return await engine.SendAsync(new Command { Type = CommandType.ClosePosition, InstrumentId = instrument.Id }, outcome => Results.Json(new
        {
            success = true,
            message = $"Position {id} closing: market order {outcome.OrderId}",
            orderId = outcome.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            closed_position = before,
        }), ct).ConfigureAwait(false);
    }
}
