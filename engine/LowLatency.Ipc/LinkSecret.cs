using System.Security.Cryptography;
using System.Text;

namespace LowLatency.Ipc;

/// <summary>
/// The shared secret that authenticates the bridge to the engine. From <c>LL_LINK_SECRET</c> when set, else the
/// file <c>link.secret</c> in the engine's data directory, generated on the engine's first start (32 random
/// bytes, hex, mode 0600). It never crosses the link: the bridge proves it knows it with an HMAC over a nonce
/// the engine sends (<see cref="Proof"/>).
/// </summary>
public static class LinkSecret
{
    public const string EnvironmentVariable = "LL_LINK_SECRET";
    public const string FileName = "link.secret";

    /// <summary>Bytes of the nonce the engine sends and of the proof the bridge returns.</summary>
    public const int NonceSize = 32;

    /// <summary>The engine's secret: the environment's, else the data directory's file, created when missing.</summary>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        if (FromEnvironment() is { } configured)
        {
            return configured;
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var file = new FileStream(path, options);
                file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant() + "\n"));
            }
            catch (IOException) when (File.Exists(path))
            {
                // another engine on the same directory wrote it first
            }
        }

        return Read(path) ?? throw new InvalidDataException($"{path} is empty: delete it to generate a new link secret, or set {EnvironmentVariable}");
    }

    /// <summary>The secret in a file, or null when the file is missing or empty.</summary>
    public static byte[]? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 ? null : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>The secret in <c>LL_LINK_SECRET</c>, or null.</summary>
    public static byte[]? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? Encoding.UTF8.GetBytes(value.Trim()) : null;

    /// <summary>HMAC-SHA256 over the engine's nonce and the bridge's hello: what proves the bridge knows the secret.</summary>
    public static byte[] Proof(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> hello)
    {
        var message = new byte[nonce.Length + hello.Length];
        nonce.CopyTo(message);
        hello.CopyTo(message.AsSpan(nonce.Length));
        return HMACSHA256.HashData(secret, message);
    }
}
