using LowLatency.Engine.Commands;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.8–2.12: start, stop, pause, resume, status, emergency stop; and clear-halt, the one way to lift a
/// halt or kill switch (start and resume are refused while halted, 409), recorded in the audit trail.
/// </summary>
public static class TradingEndpoints
{
    public static void MapTrading(this IEndpointRouteBuilder app)
    {
        var trading = app.MapGroup("/api/trading");
        trading.MapPost("/start", (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, CommandType.Start, "Trading started", ct));
        trading.MapPost("/stop", (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, CommandType.Stop, "Trading stopped", ct));
        trading.MapPost("/pause", (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, CommandType.Pause, "Trading paused", ct));
        trading.MapPost("/resume", (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, CommandType.Resume, "Trading resumed", ct));
        trading.MapPost("/emergency-stop", (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, CommandType.EmergencyStop, "Emergency stop: trading halted, working orders cancelled", ct));
        trading.MapPost("/clear-halt", (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, CommandType.ClearHalt, "Halt cleared: trading is stopped; start it to trade", ct));
        trading.MapGet("/status", (EngineAccess engine) => engine.Read(core => Results.Json(Views.Status(core, engine.Model))));
    }

    // Control bodies are small and fully specified: an unknown field is refused, so garbage never acts as an empty body.
    private static readonly HashSet<string> NoFields = new(StringComparer.Ordinal);
    private static readonly HashSet<string> StartFields = new(StringComparer.Ordinal) { "symbols" };
    private static readonly HashSet<string> EmergencyStopFields = new(StringComparer.Ordinal) { "flatten" };

    private static async Task<IResult> Control(HttpRequest request, EngineAccess engine, CommandType type, string message, CancellationToken ct)
    {
        var fields = type switch
        {
            CommandType.Start => StartFields,
            CommandType.EmergencyStop => EmergencyStopFields,
            _ => NoFields,
        };
        var (body, problem) = await RequestBody.ReadAsync(request, fields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var flatten = body!.Boolean("flatten", out var error);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        // The engine trades what its strategy files name; a start may list symbols, which must all be known.
        var symbols = body.StringArray("symbols", out error);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var unknown = symbols?.FirstOrDefault(s => !engine.TryResolve(s, out _));
        if (unknown is not null)
        {
            return EngineAccess.UnknownSymbol(unknown);
        }

        var text = flatten == true ? message + ", positions flattened" : message;
        var command = new Command { Type = type, Flatten = flatten ?? false };
        return await engine.SendAsync(command, _ => engine.Read(core => Results.Json(new { success = true, message = text, symbols = symbols ?? [], state = Views.Status(core, engine.Model) })), ct).ConfigureAwait(false);
    }
}
