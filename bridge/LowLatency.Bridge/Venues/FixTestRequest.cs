using LowLatency.Bridge.Api;
using LowLatency.Fix.Session;

namespace LowLatency.Bridge.Venues;

/// <summary>The Settings page's FIX fields (<c>fixHost</c>, <c>fixPort</c>, …) as session options, with a clear error for each bad one.</summary>
internal static class FixTestRequest
{
    public static (FixSessionOptions? Options, string? Error) Read(RequestBody body)
    {
        var host = body.String("fixHost", out var error);
        if (error is not null || string.IsNullOrWhiteSpace(host))
        {
            return (null, error ?? "brokerType fix needs fixHost");
        }

        int port;
        if (body.Kind("fixPort") == System.Text.Json.JsonValueKind.String)
        {
            var text = body.String("fixPort", out _);
            if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port))
            {
                return (null, $"fixPort '{text}' is not a port number");
            }
        }
        else
        {
            var number = body.Number("fixPort", out error);
            if (error is not null || number is null || number != decimal.Truncate(number.Value))
            {
                return (null, error ?? "brokerType fix needs fixPort (1–65535)");
            }

            port = number.Value is >= 1 and <= 65535 ? (int)number.Value : 0;
        }

        if (port is < 1 or > 65535)
        {
            return (null, "fixPort must be 1–65535");
        }

        var sender = body.String("fixSenderCompId", out error);
        var target = error is null ? body.String("fixTargetCompId", out error) : null;
        var username = error is null ? body.String("fixUsername", out error) : null;
        var password = error is null ? body.String("fixPassword", out error) : null;
        var version = error is null ? body.String("fixVersion", out error) : null;
        var tls = error is null ? body.Boolean("fixSslEnabled", out error) : null;
        if (error is not null)
        {
            return (null, error);
        }

        if (string.IsNullOrWhiteSpace(sender) || string.IsNullOrWhiteSpace(target))
        {
            return (null, "brokerType fix needs fixSenderCompId and fixTargetCompId");
        }

        version = string.IsNullOrWhiteSpace(version) ? "FIX.4.4" : version.Trim().ToUpperInvariant();
        if (version is not ("FIX.4.2" or "FIX.4.4"))
        {
            return (null, $"fixVersion '{version}': FIX.4.2 or FIX.4.4");
        }

        if (sender.Contains('\u0001', StringComparison.Ordinal) || target.Contains('\u0001', StringComparison.Ordinal)
            || (username?.Contains('\u0001', StringComparison.Ordinal) ?? false) || (password?.Contains('\u0001', StringComparison.Ordinal) ?? false))
        {
            return (null, "FIX fields may not contain the SOH character");
        }

        return (new FixSessionOptions
        {
            Host = host.Trim(), Port = port, SenderCompId = sender.Trim(), TargetCompId = target.Trim(), BeginString = version,
            Username = string.IsNullOrEmpty(username) ? null : username, Password = string.IsNullOrEmpty(password) ? null : password,
            UseTls = tls ?? false,
        }, null);
    }
}
