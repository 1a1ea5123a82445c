namespace LowLatency.Bridge.Realtime;

/// <summary>
/// WebSocket handshakes check <c>Origin</c> against the CORS list (contract Part A item 7). Non-browser clients
/// send none and are let in. Accepted sockets get a bounded kernel send buffer (<paramref name="socketSendBufferBytes"/>).
/// </summary>
public sealed class OriginPolicy(IReadOnlyCollection<string> allowed, int socketSendBufferBytes = 64 * 1024)
{
    /// <summary>
    /// Accepts the WebSocket when the request is one (and <paramref name="valid"/>) from an allowed origin; otherwise
    /// answers a 400 (<paramref name="requirement"/>) or 403 problem and returns null.
    /// </summary>
    public async Task<System.Net.WebSockets.WebSocket?> AcceptAsync(HttpContext context, bool valid, string requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.WebSockets.IsWebSocketRequest || !valid)
        {
            await Api.Problems.BadRequest(requirement).ExecuteAsync(context).ConfigureAwait(false);
            return null;
        }

        if (!Allows(context))
        {
            await Api.Problems.Of(StatusCodes.Status403Forbidden, "Origin not allowed", $"origin '{context.Request.Headers.Origin}' is not in the allowed list").ExecuteAsync(context).ConfigureAwait(false);
            return null;
        }

        if (context.Features.Get<Microsoft.AspNetCore.Connections.Features.IConnectionSocketFeature>()?.Socket is { } socket && socketSendBufferBytes > 0)
        {
            socket.SendBufferSize = socketSendBufferBytes;
        }

        return await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
    }

    public bool Allows(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var origin = context.Request.Headers.Origin.ToString();
        return origin.Length == 0 || allowed.Contains(origin, StringComparer.OrdinalIgnoreCase);
    }
}
