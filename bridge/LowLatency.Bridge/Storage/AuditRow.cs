using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Storage;

/// <summary>One command sent to the engine through the bridge: when, by whom (address, key or not), what, and how it ended.</summary>
public sealed record AuditRow(long TimeMs, string Who, string Method, string Path, string Command, string Result, int Status)
{
    /// <summary>The row of <paramref name="command"/>, sent now for the request of <paramref name="context"/>: the one wording of who and what, for the linked engine's trail and the cluster's.</summary>
    public static AuditRow Of(HttpContext? context, in Command command, InstrumentRegistry registry, string result, int status)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var who = $"{context?.Connection.RemoteIpAddress?.ToString() ?? "-"}{(context?.Request.Headers.ContainsKey("X-API-Key") == true || context?.Request.Headers.Authorization.Count > 0 ? " (key)" : "")}";
        var text = $"{command.Type}{(command.InstrumentId != 0 || command.Type is CommandType.SubmitOrder or CommandType.ClosePosition ? $" {registry[command.InstrumentId].Symbol}" : "")}{(command.OrderId != 0 ? $" order {command.OrderId}" : "")}{(command.QuantityLots != 0 ? $" {command.Side} {command.QuantityLots} lots" : "")}";
        return new AuditRow(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), who, context?.Request.Method ?? "-", context?.Request.Path.Value ?? "-", text, result, status);
    }
}
