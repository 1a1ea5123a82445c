using System.Diagnostics;
using LowLatency.QuickFix;

namespace LowLatency.ClusterServers;

/// <summary>
/// A real <c>nats-server</c> with JetStream on a free loopback port and a store directory of its own, which a test
/// can kill (SIGKILL, as a crash would) and start again on the same port and store.
/// </summary>
public sealed class NatsServer : IDisposable
{
    private readonly string _store = Directory.CreateTempSubdirectory("ll-nats-").FullName;
    private Process? _process;

    public NatsServer()
    {
        Port = QuickFixAcceptor.FreePort();
        Start();
    }

    public int Port { get; }

    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>Whether the binary is there (a benchmark says skipped rather than failing).</summary>
    public static bool Installed
    {
        get
        {
            try
            {
                return Binary.Length > 0;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    /// <summary>The binary: <c>LL_NATS_SERVER</c>, else on the PATH or where Debian puts it.</summary>
    public static string Binary =>
        Environment.GetEnvironmentVariable("LL_NATS_SERVER") is { Length: > 0 } configured ? configured
        : new[] { "/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("nats-server is not installed: the cluster tests run against the real server (Debian/Ubuntu: sudo apt-get install nats-server)");

    public void Start() =>
        _process = ServerProcess.StartListening(new ProcessStartInfo(Binary, ["-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sd", _store]), Port, TimeSpan.FromSeconds(15));

    /// <summary>SIGKILL: no shutdown, as a crash.</summary>
    public void Kill()
    {
        ServerProcess.Kill(_process);
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_store, recursive: true);
    }
}
