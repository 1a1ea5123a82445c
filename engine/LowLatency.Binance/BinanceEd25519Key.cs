using System.Formats.Asn1;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace LowLatency.Binance;

/// <summary>
/// An Ed25519 API key's private half, as Binance has users make it (PKCS#8, PEM <c>PRIVATE KEY</c> or its base64
/// DER): signs a request's parameters into the base64 signature Binance expects. Ed25519 is deterministic, so the
/// same payload always signs the same; RFC 8032's vectors hold the implementation to it.
/// </summary>
public sealed class BinanceEd25519Key
{
    private const string Ed25519Oid = "1.3.101.112";
    private readonly Ed25519PrivateKeyParameters _key;

    private BinanceEd25519Key(byte[] seed, string? secret)
    {
        _key = new Ed25519PrivateKeyParameters(seed);
        Secret = secret;
    }

    /// <summary>The secret it was read from (null when made from a seed).</summary>
    internal string? Secret { get; }

    /// <summary>The raw 32-byte public key (what Binance registers).</summary>
    public byte[] PublicKey => _key.GeneratePublicKey().GetEncoded();

    /// <summary>From the 32-byte seed itself (tests and key tools; an API secret is read with <see cref="TryRead"/>).</summary>
    public static BinanceEd25519Key FromSeed(ReadOnlySpan<byte> seed) =>
        seed.Length == 32 ? new BinanceEd25519Key(seed.ToArray(), null) : throw new ArgumentException($"An Ed25519 seed is 32 bytes, not {seed.Length}.", nameof(seed));

    /// <summary>
    /// Reads <paramref name="secret"/> as a PKCS#8 private key. False with no error: not a key at all (an HMAC
    /// secret). False with an error: a private key, but not one we can sign with (RSA, say), or not whole.
    /// </summary>
    public static bool TryRead(string secret, out BinanceEd25519Key? key, out string? error)
    {
        ArgumentNullException.ThrowIfNull(secret);
        (key, error) = (null, null);
        byte[] der;
        if (secret.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            if (!secret.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
            {
                error = "the secret is a PEM block but not a PKCS#8 PRIVATE KEY (Binance's Ed25519 keys are)";
                return false;
            }

            var fields = System.Security.Cryptography.PemEncoding.Find(secret);
            der = Convert.FromBase64String(secret[fields.Base64Data]);
        }
        else if (secret.StartsWith("MC4CAQAwBQYDK2Vw", StringComparison.Ordinal))
        {
            der = Convert.FromBase64String(secret); // the same key without its PEM lines
        }
        else
        {
            return false; // an HMAC secret
        }

        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            reader.ReadInteger(); // version
            var algorithm = reader.ReadSequence().ReadObjectIdentifier();
            if (algorithm != Ed25519Oid)
            {
                error = $"the private key is of algorithm {algorithm}, not Ed25519 (RSA keys are not supported; make an Ed25519 or HMAC key)";
                return false;
            }

            var seed = new AsnReader(reader.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
            key = seed.Length == 32 ? new BinanceEd25519Key(seed, secret) : throw new ArgumentException($"an Ed25519 seed is 32 bytes, not {seed.Length}");
            return true;
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            error = $"the Ed25519 private key is not a whole PKCS#8 key ({e.Message})";
            return false;
        }
    }

    /// <summary>The raw 64-byte signature of <paramref name="payload"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> payload)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(payload);
        return signer.GenerateSignature();
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="payload"/> under <paramref name="publicKey"/> (the emulator's check).</summary>
    public static bool Verify(byte[] publicKey, ReadOnlySpan<byte> payload, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(publicKey));
        verifier.BlockUpdate(payload);
        return verifier.VerifySignature(signature);
    }
}
