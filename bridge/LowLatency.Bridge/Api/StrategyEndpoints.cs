using LowLatency.Bridge.Configuration;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.23, <c>GET /api/strategies</c> (and <c>GET /api/strategies/{id}</c>): the config-file strategies with
/// their parameters, the ranges their type declares, instruments, timeframe, exits and sizing, and their live state
/// from the engine: running (engine connected, trading running, strategy enabled), signals today and realised P&amp;L
/// today (the balance change of the fills it caused, net of fees). Engine indices follow the same files in the same
/// order, as the engine loads them.
/// </summary>
public static class StrategyEndpoints
{
    public static void MapStrategies(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/strategies", (EngineAccess engine, IOptions<BridgeOptions> options) => List(engine, options.Value, null));
        app.MapGet("/api/strategies/{id}", (string id, EngineAccess engine, IOptions<BridgeOptions> options) => List(engine, options.Value, id));
    }

    private static IResult List(EngineAccess engine, BridgeOptions options, string? id)
    {
        IReadOnlyList<(StrategyDefinition Definition, string File)> definitions;
        try
        {
            definitions = StrategyLoader.LoadDefinitions(options.Strategies);
        }
        catch (ConfigException e)
        {
            return Problems.Of(StatusCodes.Status500InternalServerError, "Strategy configuration unreadable", e.Message);
        }

        var registry = engine.Model.Registry;
        var running = engine.Model.EngineConnected && engine.Model.Read(s => s.Status) == TradingStatus.Running;
        var today = DateTimeOffset.UtcNow.Date;
        var index = 0;
        var list = new List<object>();
        foreach (var (definition, file) in definitions)
        {
            // The engine numbers one strategy per enabled (definition, symbol) pair, in file order.
            var indices = definition.Enabled ? Enumerable.Range(index, definition.Symbols.Count).ToList() : [];
            index += indices.Count;
            if (id is not null && !string.Equals(id, definition.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            IReadOnlyList<ParameterSpec> specs;
            string? problem = null;
            try
            {
                specs = StrategyLoader.Describe(definition, file, registry);
            }
            catch (ConfigException e)
            {
                (specs, problem) = ([], e.Message);
            }

            var signals = definition.Symbols
                .Select(s => registry.TryResolve(s, out var i) ? engine.Model.EngineSignals(i.Id) : [])
                .SelectMany(x => x)
                .Count(s => s.Strategy == definition.Name && DateTimeOffset.FromUnixTimeMilliseconds(s.TimeMs) >= today);
            var tallies = indices.Select(engine.Model.StrategyToday).ToList();
            list.Add(new
            {
                id = definition.Name,
                name = definition.Name,
                type = definition.Type,
                enabled = definition.Enabled,
                file = Path.GetFileName(file),
                symbols = definition.Symbols,
                timeframe = definition.Timeframe,
                allowShort = definition.AllowShort,
                parameters = specs.ToDictionary(p => p.Name, p => p.Value),
                ranges = specs.Select(p => new { name = p.Name, kind = p.Kind, @default = p.Default, min = p.Min, max = p.Max, allowed = p.Allowed, value = p.Value }).ToList(),
                exits = definition.Exits,
                sizing = definition.Sizing,
                error = problem,
                live = new
                {
                    running = running && definition.Enabled,
                    engineConnected = engine.Model.EngineConnected,
                    signalsToday = signals,
                    fillsToday = tallies.Sum(t => t.Fills),
                    pnlToday = tallies.Sum(t => t.Pnl),
                },
            });
        }

        return id is not null && list.Count == 0
            ? Problems.NotFound($"no strategy '{id}' in {options.Strategies}")
            : id is not null ? Results.Json(list[0]) : Results.Json(new { strategies = list, count = list.Count, timestamp = Timestamps.Now() });
    }
}
