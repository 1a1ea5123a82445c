using LowLatency.Bridge.Engine;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Api;

/// <summary>What the trading routes share: the read model, the command gateway, and symbol resolution with alias echo.</summary>
public sealed class EngineAccess(ReadModel model, EngineGateway gateway, BridgeStore store, IHttpContextAccessor http)
{
    public ReadModel Model => model;

    /// <summary>Runs a read on the mirror, or a 503 problem when the engine is not connected or never sent its state.</summary>
    public IResult Read(Func<TradingState, IResult> read)
    {
        if (!gateway.Connected || !model.EngineConnected)
        {
            return Problems.EngineUnavailable("the engine is not connected; trading data returns when it is");
        }

        return model.Read(read) ?? Problems.EngineUnavailable("the engine has not sent its state yet");
    }

    public bool TryResolve(string symbol, out Instrument instrument) => model.Registry.TryResolve(symbol, out instrument!);

    public static IResult UnknownSymbol(string symbol) => Problems.NotFound($"unknown symbol '{symbol}'");

    /// <summary>
    /// Sends a command; maps a missing engine to 503 and a refusal to a 4xx problem, else runs
    /// <paramref name="onAccepted"/>. Every attempt lands in the audit trail (who, when, what, result).
    /// </summary>
    public async Task<IResult> SendAsync(Command command, Func<CommandOutcome, IResult> onAccepted, CancellationToken cancellation)
    {
        if (!gateway.Connected)
        {
            Audit(command, "engine not connected", StatusCodes.Status503ServiceUnavailable);
            return Problems.EngineUnavailable("the engine is not connected");
        }

        var outcome = await gateway.SendAsync(command, cancellation).ConfigureAwait(false);
        if (outcome.LinkError is not null)
        {
            Audit(command, outcome.LinkError, StatusCodes.Status503ServiceUnavailable);
            return Problems.EngineUnavailable(outcome.LinkError);
        }

        var result = Map(command, outcome, onAccepted);
        Audit(command, outcome.Reason == RejectReason.None ? $"accepted{(outcome.OrderId != 0 ? $" order {outcome.OrderId}" : "")}" : outcome.Reason.ToString(), (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        return result;
    }

    private void Audit(in Command command, string result, int status)
    {
        var row = AuditRow.Of(http.HttpContext, command, model.Registry, result, status);
        store.Write(c =>
        {
            c.CommandText = "INSERT INTO audit (time, who, method, path, command, result, status) VALUES ($t, $w, $m, $p, $c, $r, $s)";
            c.Parameters.AddWithValue("$t", row.TimeMs);
            c.Parameters.AddWithValue("$w", row.Who);
            c.Parameters.AddWithValue("$m", row.Method);
            c.Parameters.AddWithValue("$p", row.Path);
            c.Parameters.AddWithValue("$c", row.Command);
            c.Parameters.AddWithValue("$r", row.Result);
            c.Parameters.AddWithValue("$s", row.Status);
            c.ExecuteNonQuery();
        });
    }

    private static IResult Map(in Command command, CommandOutcome outcome, Func<CommandOutcome, IResult> onAccepted) =>
        outcome.Reason == RejectReason.None ? onAccepted(outcome) : Refused(command, outcome.Reason);

    /// <summary>The problem a refusal of <paramref name="command"/> answers with, from whichever engine (linked, or a shard) refused it.</summary>
    internal static IResult Refused(in Command command, RejectReason reason)
    {
        return reason switch
        {
            RejectReason.UnknownOrder => Problems.NotFound($"order {command.OrderId} not found"),
            RejectReason.NoPosition => Problems.NotFound("no open position to close"),
            RejectReason.InvalidQuantity or RejectReason.InvalidPrice or RejectReason.InvalidOrder or RejectReason.InstrumentNotTradable =>
                Problems.BadRequest($"the engine refused the order: {reason}"),
            RejectReason.OrderNotWorking or RejectReason.InvalidState => Problems.Conflict($"the engine refused: {reason}"),
            RejectReason.TradingHalted when command.Type is CommandType.Start or CommandType.Resume =>
                Problems.Conflict("trading is halted (or the kill switch is set); an operator lifts it with POST /api/trading/clear-halt, then starts"),
            _ => Problems.Of(StatusCodes.Status422UnprocessableEntity, "Refused by risk checks", $"the engine refused the order: {reason}"),
        };
    }
}
