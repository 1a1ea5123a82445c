using System.Diagnostics;
using System.Globalization;
using LowLatency.QuickFix;

namespace LowLatency.ClusterServers;

/// <summary>
/// A real PostgreSQL 15 (Debian <c>postgresql-15</c>) in a directory of its own on a free loopback port, trust
/// authentication for the user <c>ll</c>; a test can kill it (SIGKILL: a crash, WAL recovery on the next start)
/// and start it again. Run as root, the server runs as <c>postgres</c> (it refuses root), by <c>runuser</c>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _root = Directory.CreateTempSubdirectory("ll-pg-").FullName;
    private Process? _process;

    /// <summary>Whether PostgreSQL 15 is there (a benchmark says skipped rather than failing).</summary>
    public static bool Installed => File.Exists(Path.Combine(Bin, "postgres"));

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(Bin, "postgres")))
        {
            throw new InvalidOperationException("PostgreSQL 15 is not installed: the cluster tests run against the real server (Debian/Ubuntu: sudo apt-get install postgresql-15)");
        }

        Port = QuickFixAcceptor.FreePort();
        if (IsRoot)
        {
            Run("chown", "-R", "postgres:postgres", _root);
        }

        Run(Path.Combine(Bin, "initdb"), "-D", DataDirectory, "-U", "ll", "--auth=trust", "-E", "UTF8", "--no-sync");
        Start();
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=ll;Database=postgres;Pooling=false;Timeout=5";

    private string DataDirectory => Path.Combine(_root, "data");

    private static bool IsRoot => Environment.UserName == "root";

    public void Start()
    {
        var arguments = new List<string> { Path.Combine(Bin, "postgres"), "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-k", _root, "-c", "fsync=off" };
        _process = ServerProcess.StartListening(Command(arguments), Port, TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGKILL of the whole server (postmaster and backends): a crash.</summary>
    public void Kill()
    {
        ServerProcess.Kill(_process);
        _process = null;
        KillLeftovers();
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Backends of a killed postmaster exit on their own; wait until none holds the data directory.</summary>
    private void KillLeftovers()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        var deadline = Environment.TickCount64 + 10_000;
        while (File.Exists(pidFile) && Environment.TickCount64 < deadline)
        {
            var pid = File.ReadLines(pidFile).FirstOrDefault();
            if (!int.TryParse(pid, out var id) || !Exists(id))
            {
                return; // stale: the next start removes it
            }

            Thread.Sleep(20); // the orphaned backends notice their postmaster is gone
        }
    }

    private static bool Exists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static ProcessStartInfo Command(IReadOnlyList<string> arguments)
    {
        var info = IsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", .. arguments]) : new ProcessStartInfo(arguments[0], arguments.Skip(1));
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    private static void Run(params string[] arguments)
    {
        using var process = Process.Start(arguments[0] == "chown" ? new ProcessStartInfo(arguments[0], arguments.Skip(1)) { RedirectStandardError = true, RedirectStandardOutput = true } : Command(arguments))!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }
    }
}
