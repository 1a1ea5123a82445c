using LowLatency.Analytics.Optimisation;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Configuration;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.Strategies;
using Microsoft.Extensions.Options;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.24, the general optimiser: <c>POST /api/strategies/{id}/optimize</c> starts a job (202 with its poll
/// address) that searches the strategy's declared ranges walk-forward (<see cref="StrategyOptimizer"/>);
/// <c>GET /api/optimizations/{job}</c> reports status, progress, the best so far and the result;
/// <c>DELETE /api/optimizations/{job}</c> cancels; <c>POST /api/optimizations/{job}/apply</c> writes the
/// recommended parameters into the strategy file (atomically, the previous version kept).
/// Body: <c>{symbol?, startDate?, endDate?, method?="evolution"|"grid"|"random", budget?=60, objective?="sharpe",
/// constraints?: {maxDrawdown?, minTrades?}, folds?=3, seed?=1, parameters?: [names]}</c>.
/// </summary>
public static class StrategyOptimizationEndpoints
{
    private const string What = "optimisation job";

    public static void MapStrategyOptimization(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/strategies/{id}/optimize", Start);
        app.MapGet("/api/optimizations/{job}", (string job, StrategyOptimizer optimizer, JobBoard board) =>
            JobPolls.Answer(optimizer.Find(job) is { } j ? JobViews.Optimization(j) : null, board, StrategyOptimizer.Kind, job, What));
        app.MapDelete("/api/optimizations/{job}", (string job, StrategyOptimizer optimizer, JobBoard board) =>
        {
            const string Message = "cancellation requested; the job stops after the backtests in flight";
            if (optimizer.Find(job) is { } j)
            {
                j.Cancel();
                return Results.Json(new { success = true, id = j.Id, status = j.Status, message = Message });
            }

            // Another bridge's job: the flag is carried out by that bridge at its next heartbeat.
            return JobPolls.FromBoard(() => board.RequestCancel(StrategyOptimizer.Kind, job) is { } status
                ? Results.Json(new { success = true, id = job, status, message = Message })
                : JobPolls.Unknown(board, What, job));
        });
        app.MapPost("/api/optimizations/{job}/apply", (string job, StrategyOptimizer optimizer, EngineAccess engine, JobBoard board) => JobPolls.FromBoard(() =>
        {
            // This bridge's job, else another's from its answer on the board (the strategy file is this bridge's copy of it).
            var (status, file, recommended) = optimizer.Find(job) is { } j ? (j.Status, j.Request.File, j.Recommended)
                : board.View(StrategyOptimizer.Kind, job) is { } boarded ? optimizer.FromBoard(boarded)
                : (null, null, null);
            if (status is null)
            {
                return JobPolls.Unknown(board, What, job);
            }

            if (status == "completed" && file is null)
            {
                return Problems.Conflict($"job {job} is completed, but its strategy is not among this bridge's strategy files: apply it through a bridge that has it");
            }

            if (status != "completed" || file is null || recommended is not { Count: > 0 } values)
            {
                return Problems.Conflict($"job {job} is {status}{(status == "completed" ? " without a feasible recommendation" : "")}: only a completed job's recommendation can be applied");
            }

            try
            {
                var backup = StrategyFileWriter.Apply(file, values, engine.Model.Registry);
                return Results.Json(new { success = true, file = Path.GetFileName(file), previousVersion = Path.GetFileName(backup), parameters = values, message = "written; restart the engine to trade the new parameters" });
            }
            catch (ConfigException e)
            {
                return Problems.BadRequest(e.Message);
            }
        }));
    }

    private static async Task<IResult> Start(string id, HttpRequest request, EngineAccess engine, StrategyOptimizer optimizer, IOptions<BridgeOptions> options)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var found = StrategyLoader.LoadDefinitions(options.Value.Strategies).FirstOrDefault(d => string.Equals(d.Definition.Name, id, StringComparison.OrdinalIgnoreCase));
        if (found.Definition is null)
        {
            return Problems.NotFound($"no strategy '{id}' in {options.Value.Strategies}");
        }

        var symbol = body!.String("symbol", out var error) ?? (found.Definition.Symbols.Count > 0 ? found.Definition.Symbols[0] : "BTC-USD");
        var start = error is null ? body.Date("startDate", out error) : null;
        var end = error is null ? body.Date("endDate", out error) : null;
        var methodText = error is null ? body.String("method", out error) ?? "evolution" : "";
        var budget = error is null ? body.Number("budget", out error) ?? 60 : 0;
        var objective = error is null ? body.String("objective", out error) ?? "sharpe" : "";
        var folds = error is null ? body.Number("folds", out error) ?? 3 : 0;
        var seed = error is null ? body.Number("seed", out error) ?? 1 : 0;
        var parameters = error is null ? body.StringArray("parameters", out error) : null;
        double? maxDrawdown = null;
        int? minTrades = null;
        if (error is null && body.Kind("constraints") is System.Text.Json.JsonValueKind.Object)
        {
            var constraints = body.ToJsonObject()["constraints"]!.AsObject();
            var unknown = constraints.Select(c => c.Key).FirstOrDefault(k => k is not ("maxDrawdown" or "minTrades"));
            maxDrawdown = constraints["maxDrawdown"] is { } dd && dd.GetValueKind() == System.Text.Json.JsonValueKind.Number ? dd.GetValue<double>() : null;
            minTrades = constraints["minTrades"] is { } mt && mt.GetValueKind() == System.Text.Json.JsonValueKind.Number ? (int)mt.GetValue<double>() : null;
            error = unknown is not null ? $"unknown constraint '{unknown}' (maxDrawdown, minTrades)"
                : (constraints["maxDrawdown"] is not null && maxDrawdown is not (> 0 and <= 1)) ? "constraints.maxDrawdown must be a fraction in (0, 1]"
                : (constraints["minTrades"] is not null && minTrades is not (>= 0 and <= 1_000_000)) ? "constraints.minTrades must be a whole number ≥ 0"
                : null;
        }
        else if (error is null && body.Has("constraints"))
        {
            error = "'constraints' must be an object {maxDrawdown?, minTrades?}";
        }

        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        SearchMethod method;
        var invalid = methodText switch
        {
            "grid" => Set(SearchMethod.Grid, out method),
            "random" => Set(SearchMethod.Random, out method),
            "evolution" => Set(SearchMethod.Evolution, out method),
            _ => Fail($"method must be grid, random or evolution, not '{methodText}'", out method),
        };
        end ??= new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero);
        start ??= end.Value.AddYears(-1);
        invalid ??= !StrategyOptimizer.Objectives.Contains(objective) ? $"objective must be one of {string.Join(", ", StrategyOptimizer.Objectives)}"
            : budget is < 1 or > 5000 || budget != decimal.Truncate(budget) ? "budget must be a whole number of backtests from 1 to 5000"
            : folds is < 1 or > 10 || folds != decimal.Truncate(folds) ? "folds must be a whole number from 1 to 10"
            : seed != decimal.Truncate(seed) || seed < 0 || seed > int.MaxValue ? "seed must be a whole number ≥ 0"
            : start >= end || end - start > TimeSpan.FromDays(366 * 5) ? "startDate must be before endDate, at most five years apart"
            : null;
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        var space = optimizer.Space(found.Definition, found.File, parameters);
        if (space.Count == 0)
        {
            return Problems.BadRequest(parameters is null ? $"strategy '{id}' declares no parameters to search" : "none of the named parameters is declared by the strategy (see GET /api/strategies)");
        }

        var job = optimizer.Start(new OptimizationRequest(found.Definition, found.File, instrument, start.Value, end.Value, method, (int)budget, objective, maxDrawdown, minTrades, (int)folds, (int)seed, parameters));
        return Results.Json(new { id = job.Id, status = job.Status, poll = $"/api/optimizations/{job.Id}", cancel = $"DELETE /api/optimizations/{job.Id}", dimensions = space.Select(d => d.Name).ToList() }, statusCode: StatusCodes.Status202Accepted);
    }

    private static string? Set(SearchMethod value, out SearchMethod method)
    {
        method = value;
        return null;
    }

    private static string Fail(string error, out SearchMethod method)
    {
        method = default;
        return error;
    }
}
