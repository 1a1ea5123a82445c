namespace LowLatency.Binance;

/// <summary>
/// An API key and its secret, from the environment (never from a file in the repository):
/// <c>LL_BINANCE_API_KEY</c> / <c>LL_BINANCE_API_SECRET</c>, and for futures <c>LL_BINANCE_FUTURES_API_KEY</c> /
/// <c>_SECRET</c> where they differ (else the spot pair). A secret may instead be in a file the variable's
/// <c>_FILE</c> twin names (<c>LL_BINANCE_API_SECRET_FILE</c>: an Ed25519 PEM is several lines, awkward in a
/// variable), kept outside the repository or git-ignored (<c>/secrets/</c>). The kind of key is told from the secret: an Ed25519
/// private key (PKCS#8, PEM or base64) signs with Ed25519, anything else is an HMAC-SHA256 secret.
/// <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed record BinanceCredentials(string ApiKey, string Secret)
{
    private readonly BinanceEd25519Key? _checked = Read(Secret); // a private key we cannot sign with is refused at once

    /// <summary>The Ed25519 key the secret holds; null for an HMAC secret.</summary>
    public BinanceEd25519Key? Ed25519 => ReferenceEquals(_checked?.Secret, Secret) ? _checked : Read(Secret);

    /// <summary>What to say when a signed request finds no keys.</summary>
    public const string Missing = "no Binance API key: set LL_BINANCE_API_KEY and LL_BINANCE_API_SECRET";

    /// <summary>The market's keys from the environment, or null when none are set.</summary>
    /// <exception cref="InvalidOperationException">Only one of a pair is set, or the secret is a private key we cannot sign with.</exception>
    public static BinanceCredentials? FromEnvironment(BinanceMarket market)
    {
        if (market == BinanceMarket.UsdMFutures && Read("LL_BINANCE_FUTURES_API_KEY", "LL_BINANCE_FUTURES_API_SECRET") is { } futures)
        {
            return futures;
        }

        return Read("LL_BINANCE_API_KEY", "LL_BINANCE_API_SECRET");
    }

    public override string ToString() => $"Binance {(Ed25519 is null ? "HMAC" : "Ed25519")} key {ApiKey[..Math.Min(4, ApiKey.Length)]}… (secret not shown)";

    private static BinanceEd25519Key? Read(string secret) => BinanceEd25519Key.TryRead(secret, out var key, out var error) ? key
        : error is null ? null : throw new ArgumentException(error, nameof(secret));

    private static BinanceCredentials? Read(string keyName, string secretName)
    {
        var key = Environment.GetEnvironmentVariable(keyName);
        var secret = Environment.GetEnvironmentVariable(secretName);
        if (string.IsNullOrEmpty(secret) && Environment.GetEnvironmentVariable(secretName + "_FILE") is { Length: > 0 } file)
        {
            try
            {
                secret = File.ReadAllText(file).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new InvalidOperationException($"{secretName}_FILE: '{file}' cannot be read ({e.Message}).", e);
            }
        }

        if (string.IsNullOrEmpty(key) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            throw new InvalidOperationException($"{keyName} and {secretName} (or {secretName}_FILE) go together: set both or neither.");
        }

        try
        {
            return new BinanceCredentials(key, secret);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{secretName}: {e.Message}.", e);
        }
    }
}
