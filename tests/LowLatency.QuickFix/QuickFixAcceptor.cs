using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LowLatency.QuickFix;

/// <summary>
/// One QuickFIX acceptor process on a free loopback port with a generated configuration and its own file store,
/// so it can be killed and restarted and continue its sessions. Its screen log (every message in and out) is
/// kept for assertions and failure messages.
/// </summary>
public sealed class QuickFixAcceptor : IAsyncDisposable
{
    public const string AcceptorCompId = "QF";

    private static readonly SemaphoreSlim BuildGate = new(1, 1);
    private readonly string _binary;
    private readonly string _config;
    private readonly StringBuilder _log = new();
    private Process? _process;
    private bool _keepLog = true;

    private QuickFixAcceptor(AcceptorKind kind, string binary, string directory, int port, string beginString, IReadOnlyList<string> clients)
    {
        Kind = kind;
        _binary = binary;
        Directory = directory;
        Port = port;
        BeginString = beginString;
        _config = Path.Combine(directory, "acceptor.cfg");
        var text = new StringBuilder()
            .AppendLine("[DEFAULT]")
            .AppendLine("ConnectionType=acceptor")
            .AppendLine($"SocketAcceptPort={port}")
            .AppendLine("SocketReuseAddress=Y")
            .AppendLine("SocketNodelay=Y")
            .AppendLine("StartTime=00:00:00")
            .AppendLine("EndTime=00:00:00")
            .AppendLine($"FileStorePath={Path.Combine(directory, "store")}");
        if (kind == AcceptorKind.Book)
        {
            // The book reads MarketDataRequest's repeating groups, which QuickFIX parses only with a dictionary.
            var dictionary = Path.Combine(directory, "dictionary.xml");
            var template = File.ReadAllText(Path.Combine(FindRoot(), "tests", "fix-acceptors", "book", "dictionary.xml"));
            File.WriteAllText(dictionary, template.Replace("minor=\"MINOR\"", $"minor=\"{beginString[^1]}\"", StringComparison.Ordinal));
            text.AppendLine("UseDataDictionary=Y").AppendLine($"DataDictionary={dictionary}")
                .AppendLine("ValidateFieldsOutOfOrder=N").AppendLine("ValidateUserDefinedFields=N").AppendLine("AllowUnknownMsgFields=Y");
        }
        else
        {
            text.AppendLine("UseDataDictionary=N");
        }

        foreach (var client in clients)
        {
            text.AppendLine().AppendLine("[SESSION]").AppendLine($"BeginString={beginString}")
                .AppendLine($"SenderCompID={AcceptorCompId}").AppendLine($"TargetCompID={client}");
        }

        File.WriteAllText(_config, text.ToString());
    }

    public AcceptorKind Kind { get; }

    public string Directory { get; }

    public int Port { get; }

    public string BeginString { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the acceptor printed (QuickFIX's screen log: each message in and out).</summary>
    public string Log
    {
        get { lock (_log) { return _log.ToString(); } }
    }

    /// <summary>Builds the acceptors if needed, then starts one for <paramref name="clients"/> (their SenderCompIDs).</summary>
    /// <param name="keepLog">False drops the screen log as it is read (a benchmark: no strings made in its process per message).</param>
    public static async Task<QuickFixAcceptor> StartAsync(AcceptorKind kind, string beginString, IReadOnlyList<string> clients, string directory, bool keepLog = true)
    {
        var binary = await EnsureBuiltAsync(kind).ConfigureAwait(false);
        System.IO.Directory.CreateDirectory(directory);
        var acceptor = new QuickFixAcceptor(kind, binary, directory, FreePort(), beginString, clients) { _keepLog = keepLog };
        await acceptor.RestartAsync().ConfigureAwait(false);
        return acceptor;
    }

    /// <summary>Starts the process again (same port, same store: its sessions continue) and waits for its port.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the acceptor is running");
        }

        var info = new ProcessStartInfo(_binary, _config)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // ordermatch reads commands from stdin; an open, silent pipe keeps it idle
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        if (_keepLog)
        {
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
        }
        else
        {
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null); // drained in bulk, never split into strings
        }

        process.BeginErrorReadLine();
        _process = process;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the {Kind} acceptor exited with {process.ExitCode}: {Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"the {Kind} acceptor did not listen on {Port}: {Log}");
    }

    /// <summary>One line to the acceptor's stdin (the book's commands, such as a crafted report).</summary>
    public async Task CommandAsync(string line)
    {
        var process = _process ?? throw new InvalidOperationException("the acceptor is not running");
        await process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>SIGKILL: no Logout, no clean close; its file store keeps what it had written.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the log holds <paramref name="text"/> <paramref name="count"/> times; false after the timeout.</summary>
    public async Task<bool> WaitForLogAsync(string text, TimeSpan timeout, int count = 1)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Occurrences(text) >= count)
            {
                return true;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return Occurrences(text) >= count;
    }

    public int Occurrences(string text)
    {
        var log = Log;
        var n = 0;
        for (var i = log.IndexOf(text, StringComparison.Ordinal); i >= 0; i = log.IndexOf(text, i + text.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
    }

    /// <summary>The acceptor binaries, built once per machine (a file lock keeps parallel test processes from racing).</summary>
    public static async Task<string> EnsureBuiltAsync(AcceptorKind kind)
    {
        var root = FindRoot();
        var output = Path.Combine(root, "tests", "fix-acceptors", "bin");
        var binary = Path.Combine(output, kind switch { AcceptorKind.Executor => "executor", AcceptorKind.OrderMatch => "ordermatch", _ => "book" });
        await BuildGate.WaitAsync().ConfigureAwait(false);
        try
        {
            System.IO.Directory.CreateDirectory(output);
            using var fileLock = await LockAsync(Path.Combine(output, ".lock")).ConfigureAwait(false);
            var script = Path.Combine(root, "tests", "fix-acceptors", "build.sh");
            var sources = System.IO.Directory.GetFiles(Path.Combine(root, "tests", "fix-acceptors", "book")).Append(script);
            if (new[] { "executor", "ordermatch", "book" }.All(name => File.Exists(Path.Combine(output, name)))
                && sources.All(source => File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source)))
            {
                return binary;
            }

            using var build = Process.Start(new ProcessStartInfo("bash", [script, output]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var stdout = build.StandardOutput.ReadToEndAsync();
            var stderr = build.StandardError.ReadToEndAsync();
            await build.WaitForExitAsync().ConfigureAwait(false);
            if (build.ExitCode != 0)
            {
                throw new InvalidOperationException($"building the QuickFIX acceptors failed ({build.ExitCode}): {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
            }

            return binary;
        }
        finally
        {
            BuildGate.Release();
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("LowLatency.sln not found above " + AppContext.BaseDirectory);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
