using System.Globalization;
using LowLatency.Bridge.Agent;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Engine;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Bridge.Api;

/// <summary>Contract 4.1, the agent monitor: mode, agents, regime, proposals and their approval (see <see cref="AgentService"/>).</summary>
public static class AgentEndpoints
{
    private static readonly SizingConfig AgentSizing = new() { Method = SizingMethod.FixedFractional, RiskPercent = 1 };

    public static void MapAgent(this IEndpointRouteBuilder app)
    {
        var agent = app.MapGroup("/api/agent");
        agent.MapGet("/mode", (AgentService service) => Results.Json(new { success = true, data = ModeData(service) }));
        agent.MapPost("/mode", SetMode);
        agent.MapPost("/mode/revert", Revert);
        agent.MapGet("/agents", (AgentService service, EngineGateway gateway, WeightOptimizer optimizer) =>
        {
            var (mode, _) = service.Mode();
            object Agent(string status, double health, long tasks, string task) => new { status, health, tasks_completed = tasks, current_task = task };
            return Results.Json(new
            {
                success = true,
                agents = new Dictionary<string, object>
                {
                    ["analyst"] = Agent("active", 1.0, service.ProposalsBuilt, "reading each instrument's latest signal"),
                    ["regime"] = Agent("active", 1.0, service.RegimeReadings, "ADX and ATR on daily candles"),
                    ["optimizer"] = Agent("idle", 1.0, optimizer.Runs, "waits for POST /api/strategies/optimize"),
                    ["autonomous"] = Agent(mode >= 4 ? "guarded" : "standby", 1.0, service.Approved, "executes approved proposals only"),
                    ["risk"] = Agent(gateway.Connected ? "active" : "degraded", gateway.Connected ? 1.0 : 0.5, service.GateChecks, gateway.Connected ? "gating proposals on the engine's state" : "engine not connected"),
                },
            });
        });
        agent.MapGet("/regime", async (string? symbol, AgentService service, EngineAccess engine) =>
        {
            symbol ??= "BTC-USD";
            if (!engine.TryResolve(symbol, out var instrument))
            {
                return EngineAccess.UnknownSymbol(symbol);
            }

            var regime = await service.RegimeAsync(instrument).ConfigureAwait(false);
            return regime is null
                ? Problems.BadRequest("not enough daily history for a regime reading")
                : Results.Json(new { success = true, regime = regime.Name, symbol, details = new { adx = regime.Adx, atrShare = regime.AtrShare, medianAtrShare = regime.MedianAtrShare } });
        });
        agent.MapGet("/proposals", async (AgentService service) => Results.Json(new { success = true, proposals = await service.ProposalsAsync().ConfigureAwait(false) }));
        agent.MapPost("/proposals/{id}/approve", Approve);
        agent.MapPost("/proposals/{id}/reject", Reject);
    }

    private static object ModeData(AgentService service)
    {
        var (current, previous) = service.Mode();
        return new { current_mode = current, mode_name = AgentModes.Names[current], previous_mode = previous };
    }

    private static async Task<IResult> SetMode(HttpRequest request, AgentService service)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var target = body!.Number("target_mode", out var error);
        var reason = (error is null ? body.String("reason", out error) : null) ?? "";
        var force = (error is null ? body.Boolean("force", out error) : null) ?? false;
        if (error is not null || target is null || target is < 0 or > 4 || target != decimal.Truncate(target.Value))
        {
            return Problems.BadRequest(error ?? "target_mode must be a whole number 0–4");
        }

        var mode = (int)target.Value;
        if (mode >= AgentModes.NeedsConfirmationFrom && !force)
        {
            return Results.Json(new { success = false, pending_approval = true, message = $"{AgentModes.Names[mode]} needs an operator's confirmation: send force: true" });
        }

        service.SetMode(mode, reason);
        return Results.Json(new { success = true, data = ModeData(service) });
    }

    private static async Task<IResult> Revert(HttpRequest request, AgentService service)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var reason = body!.String("reason", out var error) ?? "revert";
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        service.SetMode(service.Mode().Previous, reason);
        return Results.Json(new { success = true, data = ModeData(service) });
    }

    private static async Task<(Proposal? Proposal, string Reason, IResult? Problem)> Find(string id, HttpRequest request, AgentService service)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, "", problem);
        }

        var reason = body!.String("reason", out var error) ?? "";
        if (error is not null)
        {
            return (null, "", Problems.BadRequest(error));
        }

        var proposal = (await service.ProposalsAsync().ConfigureAwait(false)).FirstOrDefault(p => p.ProposalId == id);
        return proposal is null ? (null, "", Problems.NotFound($"no proposal '{id}'"))
            : proposal.Status != "pending" ? (null, "", Problems.Conflict($"proposal '{id}' is already {proposal.Status}"))
            : (proposal, reason, null);
    }

    private static async Task<IResult> Reject(string id, HttpRequest request, AgentService service)
    {
        var (proposal, reason, problem) = await Find(id, request, service).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        service.Decide(proposal!.ProposalId, "rejected", reason);
        return Results.Json(new { success = true });
    }

    private static async Task<IResult> Approve(string id, HttpRequest request, AgentService service, EngineAccess engine, RiskLimits risk, CancellationToken ct)
    {
        var (proposal, reason, problem) = await Find(id, request, service).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!proposal!.AllGatesPassed)
        {
            var failed = string.Join("; ", proposal.GateResults.Where(g => !g.Value.Passed).Select(g => $"{g.Key}: {g.Value.Message}"));
            return Problems.Conflict($"gates not passed: {failed}");
        }

        var instrument = engine.Model.Registry[proposal.InstrumentId];
        var buy = proposal.Direction == "BUY";
        var sizing = engine.Model.Read(core => (Equity: core.Account.Equity, Rate: core.Account.RateAsDouble(instrument.Id)));
        // The strategies' sizer: 1 % of equity over the stop, capped at the risk limits' largest position.
        var units = PositionSizer.Quantity(AgentSizing, sizing.Equity, proposal.EntryPrice, Math.Abs(proposal.EntryPrice - proposal.StopLoss), atr: 0, sizing.Rate, risk.MaxPositionPercent);
        var lots = (long)Math.Floor(units / instrument.LotSizeAsDouble);
        if (lots < 1)
        {
            return Problems.Conflict("1 % of equity over this stop is less than one lot");
        }

        var command = new Command
        {
            Type = CommandType.SubmitOrder, InstrumentId = instrument.Id, Side = buy ? Side.Buy : Side.Sell, OrderType = OrderType.Market, TimeInForce = TimeInForce.Gtc,
            QuantityLots = lots,
            StopLossTicks = (long)Math.Round(proposal.StopLoss / instrument.TickSizeAsDouble),
            TakeProfitTicks = (long)Math.Round(proposal.TakeProfit / instrument.TickSizeAsDouble),
        };
        return await engine.SendAsync(command, outcome =>
        {
            service.Decide(proposal.ProposalId, "approved", reason);
            return Results.Json(new { success = true, orderId = outcome.OrderId.ToString(CultureInfo.InvariantCulture) });
        }, ct).ConfigureAwait(false);
    }
}
