namespace LowLatency.Binance;

/// <summary>
/// An API key and its HMAC secret, from the environment only (never from a file in the repository):
/// <c>LL_BINANCE_API_KEY</c> / <c>LL_BINANCE_API_SECRET</c>, and for futures <c>LL_BINANCE_FUTURES_API_KEY</c> /
/// <c>_SECRET</c> where they differ (else the spot pair). <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record BinanceCredentials(string ApiKey, string Secret)
{
    /// <summary>What to say when a signed request finds no keys.</summary>
    public const string Missing = "no Binance API key: set LL_BINANCE_API_KEY and LL_BINANCE_API_SECRET";

    /// <summary>The market's keys from the environment, or null when none are set.</summary>
    /// <exception cref="InvalidOperationException">Only one of a pair is set, or the secret is an Ed25519 private key (not supported yet).</exception>
    public static BinanceCredentials? FromEnvironment(BinanceMarket market)
    {
        if (market == BinanceMarket.UsdMFutures && Read("LL_BINANCE_FUTURES_API_KEY", "LL_BINANCE_FUTURES_API_SECRET") is { } futures)
        {
            return futures;
        }

        return Read("LL_BINANCE_API_KEY", "LL_BINANCE_API_SECRET");
    }

    public override string ToString() => $"Binance key {ApiKey[..Math.Min(4, ApiKey.Length)]}… (secret not shown)";

    private static BinanceCredentials? Read(string keyName, string secretName)
    {
        var key = Environment.GetEnvironmentVariable(keyName);
        var secret = Environment.GetEnvironmentVariable(secretName);
        if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"{keyName} and {secretName} go together: set both or neither.");
        }

        if (secret.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{secretName} holds an Ed25519 private key; only HMAC-SHA256 keys are supported so far.");
        }

        return new BinanceCredentials(key, secret);
    }
}
