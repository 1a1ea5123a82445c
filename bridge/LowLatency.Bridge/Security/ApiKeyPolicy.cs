using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LowLatency.Bridge.Security;

/// <summary>
/// Contract Part A item 8. In Development on a loopback address keys are optional; anywhere else every
/// <c>/api</c> route but <c>/api/health</c> needs one (<c>X-API-Key</c> or <c>Authorization: Bearer</c>), and the
/// bridge refuses to start without a key configured. Keys come from configuration (environment
/// <c>Bridge__ApiKeys__0</c> …, or a git-ignored local file), never from the repository.
/// </summary>
public sealed class ApiKeyPolicy
{
    private readonly byte[][] _keys;

    public ApiKeyPolicy(IReadOnlyList<string> keys, bool development, string url)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Encoding.UTF8.GetBytes(k))];
        var loopback = IsLoopback(url);
        Required = !(development && loopback);
        if (Required && _keys.Length == 0)
        {
            throw new InvalidOperationException(loopback
                ? "API keys are required outside Development: set Bridge__ApiKeys__0 (or run with ASPNETCORE_ENVIRONMENT=Development)"
                : $"refusing to listen on the non-loopback address {url} without an API key: set Bridge__ApiKeys__0");
        }
    }

    public bool Required { get; }

    public static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Whether the request may pass: not required, not an API route, health, or a matching key.</summary>
    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Required || !request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/api/health") || HttpMethods.IsOptions(request.Method))
        {
            return true;
        }

        var presented = request.Headers["X-API-Key"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (presented.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        var bytes = Encoding.UTF8.GetBytes(presented);
        return presented.Length > 0 && _keys.Any(key => CryptographicOperations.FixedTimeEquals(key, bytes));
    }
}
