namespace LowLatency.Bridge.Realtime;

/// <summary>WebSocket handshakes check <c>Origin</c> against the CORS list (contract Part A item 7). Non-browser clients send none and are let in.</summary>
public sealed class OriginPolicy(IReadOnlyCollection<string> allowed)
{
    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || allowed.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }
}
