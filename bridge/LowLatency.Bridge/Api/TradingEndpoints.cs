using LowLatency.Engine.Commands;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.8–2.12: start, stop, pause, resume, status, emergency stop; and clear-halt, the one way to lift a
/// halt or kill switch (start and resume are refused while halted, 409), recorded in the audit trail.
/// </summary>
public static class TradingEndpoints
{
    /// <summary>The control routes under <c>/api/trading</c>: path, command, what a success says.</summary>
    internal static readonly (string Path, CommandType Type, string Message)[] Controls =
    [
        ("/start", CommandType.Start, "Trading started"),
        ("/stop", CommandType.Stop, "Trading stopped"),
        ("/pause", CommandType.Pause, "Trading paused"),
        ("/resume", CommandType.Resume, "Trading resumed"),
        ("/emergency-stop", CommandType.EmergencyStop, "Emergency stop: trading halted, working orders cancelled"),
        ("/clear-halt", CommandType.ClearHalt, "Halt cleared: trading is stopped; start it to trade"),
    ];

    public static void MapTrading(this IEndpointRouteBuilder app)
    {
        var trading = app.MapGroup("/api/trading");
        foreach (var (path, type, message) in Controls)
        {
            trading.MapPost(path, (HttpRequest request, EngineAccess engine, CancellationToken ct) => Control(request, engine, type, message, ct));
        }

        trading.MapGet("/status", (EngineAccess engine) => engine.Read(core => Results.Json(Views.Status(core, engine.Model))));
    }

    // Control bodies are small and fully specified: an unknown field is refused, so garbage never acts as an empty body.
    private static readonly HashSet<string> NoFields = new(StringComparer.Ordinal);
    private static readonly HashSet<string> StartFields = new(StringComparer.Ordinal) { "symbols" };
    private static readonly HashSet<string> EmergencyStopFields = new(StringComparer.Ordinal) { "flatten" };

    private static async Task<IResult> Control(HttpRequest request, EngineAccess engine, CommandType type, string message, CancellationToken ct)
    {
        var (command, symbols, text, problem) = await ReadControlAsync(request, type, message, s => engine.TryResolve(s, out _)).ConfigureAwait(false);
        return problem ?? await engine.SendAsync(command, _ => engine.Read(core => Results.Json(new { success = true, message = text, symbols, state = Views.Status(core, engine.Model) })), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A control's body, read and checked: the command, the symbols a start names (all known; the engine trades
    /// what its strategy files name), and what a success says; or the problem to answer with. Shared with the
    /// cluster's controls.
    /// </summary>
    internal static async Task<(Command Command, IReadOnlyList<string> Symbols, string Message, IResult? Problem)> ReadControlAsync(HttpRequest request, CommandType type, string message, Func<string, bool> known)
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
            return (default, [], message, problem);
        }

        var flatten = body!.Boolean("flatten", out var error);
        if (error is not null)
        {
            return (default, [], message, Problems.BadRequest(error));
        }

        var symbols = body.StringArray("symbols", out error);
        if (error is not null)
        {
            return (default, [], message, Problems.BadRequest(error));
        }

        var unknown = symbols?.FirstOrDefault(s => !known(s));
        if (unknown is not null)
        {
            return (default, [], message, EngineAccess.UnknownSymbol(unknown));
        }

        var text = flatten == true ? message + ", positions flattened" : message;
        return (new Command { Type = type, Flatten = flatten ?? false }, symbols ?? [], text, null);
    }
}
