using LowLatency.Bridge.Api;
using LowLatency.Bridge.Realtime;

namespace LowLatency.Bridge.Security;

/// <summary>
/// Stops other web pages from driving the bridge through the trader's browser: a request whose <c>Origin</c> is
/// present and not on the allow-list is refused (403) before any handler or CORS runs, and a body on a changing
/// <c>/api</c> route must be <c>application/json</c> (415 otherwise), a type no browser sends cross-site without
/// a CORS preflight. Requests without <c>Origin</c> (curl, HttpClient, the bridge's own tools) and the frontend's
/// own requests (allowed origins, JSON bodies) pass.
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next, OriginPolicy origins)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!origins.Allows(context))
        {
            await Problems.Of(StatusCodes.Status403Forbidden, "Origin not allowed", $"origin '{request.Headers.Origin}' is not in the allowed list").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (IsChanging(request) && HasBody(request) && !IsJson(request.ContentType))
        {
            await Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"a request body must be application/json, not '{request.ContentType ?? "none"}'").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool IsChanging(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));

    private static bool HasBody(HttpRequest request) => request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
