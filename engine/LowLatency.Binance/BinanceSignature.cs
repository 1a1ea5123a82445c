using System.Security.Cryptography;

namespace LowLatency.Binance;

/// <summary>
/// Signs a Binance request's total parameters (query string then body, as sent): with an HMAC-SHA256 secret key,
/// the lowercase hex digest Binance expects in <c>signature</c> (Binance documents the same key, payload and digest
/// as its example, and a test holds us to it); with an Ed25519 key, its base64 signature (<see cref="For"/>).
/// </summary>
public static class BinanceSignature
{
    /// <summary>Lowercase hex characters of an HMAC-SHA256 digest.</summary>
    public const int HexLength = 64;

    /// <summary>Writes the signature of <paramref name="payload"/> into <paramref name="destination"/> (at least <see cref="HexLength"/> bytes); returns its length.</summary>
    public static int HmacSha256(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (destination.Length < HexLength)
        {
            throw new ArgumentException($"A signature needs {HexLength} bytes, not {destination.Length}.", nameof(destination));
        }

        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(secret, payload, digest);
        for (var i = 0; i < digest.Length; i++)
        {
            destination[2 * i] = Hex(digest[i] >> 4);
            destination[(2 * i) + 1] = Hex(digest[i] & 0xF);
        }

        return HexLength;
    }

    /// <summary>The signature as a string (REST requests, which build a string anyway).</summary>
    public static string HmacSha256(string secret, string payload)
    {
        Span<byte> hex = stackalloc byte[HexLength];
        HmacSha256(System.Text.Encoding.UTF8.GetBytes(secret), System.Text.Encoding.UTF8.GetBytes(payload), hex);
        return System.Text.Encoding.ASCII.GetString(hex);
    }

    /// <summary>
    /// The <c>signature</c> parameter for <paramref name="payload"/> with the credentials' key: the HMAC's hex, or
    /// the Ed25519 signature in base64, percent-encoded for the query (Binance's rule for Ed25519 keys).
    /// </summary>
    public static string For(BinanceCredentials credentials, string payload)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Ed25519 is null ? HmacSha256(credentials.Secret, payload) : Uri.EscapeDataString(Raw(credentials, payload));
    }

    /// <summary>The signature as a WebSocket API request's <c>signature</c> parameter carries it: the HMAC's hex, or the Ed25519 signature in base64 as it is.</summary>
    public static string Raw(BinanceCredentials credentials, string payload)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return credentials.Ed25519 is { } key ? Convert.ToBase64String(key.Sign(System.Text.Encoding.UTF8.GetBytes(payload))) : HmacSha256(credentials.Secret, payload);
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
}
