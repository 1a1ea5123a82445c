using LowLatency.Bridge.Engine;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Api;

/// <summary>What the trading routes share: the read model, the command gateway, and symbol resolution with alias echo.</summary>
public sealed class EngineAccess(ReadModel model, EngineGateway gateway)
{
    public ReadModel Model => model;

    /// <summary>Runs a read on the mirror, or a 503 problem when the engine is not connected or never sent its state.</summary>
    public IResult Read(Func<TradingCore, IResult> read)
    {
        if (!gateway.Connected || !model.EngineConnected)
        {
            return Problems.EngineUnavailable("the engine is not connected; trading data returns when it is");
        }

        return model.Read(read) ?? Problems.EngineUnavailable("the engine has not sent its state yet");
    }

    public bool TryResolve(string symbol, out Instrument instrument) => model.Registry.TryResolve(symbol, out instrument!);

    public static IResult UnknownSymbol(string symbol) => Problems.NotFound($"unknown symbol '{symbol}'");

    /// <summary>Sends a command; maps a missing engine to 503 and a refusal to a 4xx problem, else runs <paramref name="onAccepted"/>.</summary>
    public async Task<IResult> SendAsync(Command command, Func<CommandOutcome, IResult> onAccepted, CancellationToken cancellation)
    {
        if (!gateway.Connected)
        {
            return Problems.EngineUnavailable("the engine is not connected");
        }

        var outcome = await gateway.SendAsync(command, cancellation).ConfigureAwait(false);
        if (outcome.LinkError is not null)
        {
            return Problems.EngineUnavailable(outcome.LinkError);
        }

        return outcome.Reason switch
        {
            RejectReason.None => onAccepted(outcome),
            RejectReason.UnknownOrder => Problems.NotFound($"order {command.OrderId} not found"),
            RejectReason.NoPosition => Problems.NotFound("no open position to close"),
            RejectReason.InvalidQuantity or RejectReason.InvalidPrice or RejectReason.InvalidOrder or RejectReason.InstrumentNotTradable =>
                Problems.BadRequest($"the engine refused the order: {outcome.Reason}"),
            RejectReason.OrderNotWorking or RejectReason.InvalidState => Problems.Conflict($"the engine refused: {outcome.Reason}"),
            _ => Problems.Of(StatusCodes.Status422UnprocessableEntity, "Refused by risk checks", $"the engine refused the order: {outcome.Reason}"),
        };
    }
}
