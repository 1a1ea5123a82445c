using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LowLatency.Chaos;

/// <summary>
/// The engine and the bridge as real OS processes from their build output, on free loopback ports, sharing one
/// data directory: started, killed with SIGKILL, restarted. The engine runs the shipped configuration (strategies
/// trading) with its own link port.
/// </summary>
public sealed partial class SystemProcesses : IDisposable
{
    private readonly string _root;
    private readonly string _configuration;
    private readonly string _engineConfig;
    private readonly int _enginePort;
    private readonly int _bridgePort;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _engineOutput = new();
    private Process? _engine;
    private Process? _bridge;

    /// <param name="adjustConfig">Rewrites the shipped engine.json's text (after the link port is set), e.g. to add venues.</param>
    public SystemProcesses(string dataDirectory, Func<string, string>? adjustConfig = null)
    {
        DataDirectory = dataDirectory;
        _root = FindRoot();
        _configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        _enginePort = FreePort();
        _bridgePort = FreePort();
        Directory.CreateDirectory(Path.Combine(dataDirectory, "logs"));
        _engineConfig = Path.Combine(dataDirectory, "engine.json");
        var shipped = File.ReadAllText(Path.Combine(_root, "config", "engine.json"));
        var config = PortPattern().Replace(shipped, $"\"port\": {_enginePort}", 1);
        File.WriteAllText(_engineConfig, adjustConfig is null ? config : adjustConfig(config));
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_bridgePort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string DataDirectory { get; }

    public string EngineData => Path.Combine(DataDirectory, "engine");

    public HttpClient Http { get; }

    /// <summary>The engine processes' last lines of output (every start's, in order), for a failure's message.</summary>
    public string EngineOutput => string.Join('\n', _engineOutput);

    public Uri BridgeAddress => Http.BaseAddress!;

    public void StartEngine()
    {
        Keep($"--- engine started {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
        _engine = Start(Dll("engine/LowLatency.Engine.Host", "LowLatency.Engine.Host"), Keep, "engine", "--config", _engineConfig, "--data-dir", EngineData);
    }

    public void StartBridge() => _bridge = Start(
        Dll("bridge/LowLatency.Bridge", "LowLatency.Bridge"),
        "--environment=Development", $"--Bridge:Url=http://127.0.0.1:{_bridgePort}", $"--Bridge:EnginePort={_enginePort}",
        $"--Bridge:DataDirectory={Path.Combine(DataDirectory, "bridge")}", $"--Bridge:EngineSecretFile={Path.Combine(EngineData, "link.secret")}",
        $"--Bridge:LogDirectory={Path.Combine(DataDirectory, "logs")}", "--Bridge:MutatingRequestsPerSecond=1000000", "--Logging:LogLevel:Default=Warning");

    /// <summary>SIGKILL: no drain, no flush, no snapshot.</summary>
    public void KillEngine() => Kill(ref _engine);

    public void KillBridge() => Kill(ref _bridge);

    /// <summary>Waits until the bridge answers and reports the engine connected with its state.</summary>
    public Task<bool> WaitConnectedAsync(TimeSpan timeout) => WaitEngineAsync(connected: true, timeout);

    /// <summary>Waits until the bridge has noticed that the engine went away (a killed peer takes a moment to show).</summary>
    public Task<bool> WaitDisconnectedAsync(TimeSpan timeout) => WaitEngineAsync(connected: false, timeout);

    private async Task<bool> WaitEngineAsync(bool connected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var health = await Http.GetFromJsonAsync<JsonElement>("/api/health").ConfigureAwait(false);
                var up = health.GetProperty("engine_connected").GetBoolean() && health.GetProperty("live_bot_status").ValueKind == JsonValueKind.Object;
                if (up == connected)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // not up yet
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>The state replayed from the engine's journal by the engine's own <c>state</c> command (read only).</summary>
    public async Task<JsonElement> JournalStateAsync()
    {
        using var state = Start(Dll("engine/LowLatency.Engine.Host", "LowLatency.Engine.Host"), redirect: true, "state", "--config", _engineConfig, "--data-dir", EngineData);
        var json = await state.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await state.WaitForExitAsync().ConfigureAwait(false);
        return state.ExitCode == 0 ? JsonDocument.Parse(json).RootElement.Clone() : throw new InvalidOperationException($"state exited {state.ExitCode}: {await state.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
    }

    public void Dispose()
    {
        Kill(ref _bridge);
        Kill(ref _engine);
        Http.Dispose();
    }

    private Process Start(string dll, params string[] arguments) => Start(dll, redirect: false, arguments);

    private Process Start(string dll, Action<string> output, params string[] arguments) => Start(dll, redirect: false, output, arguments);

    private Process Start(string dll, bool redirect, params string[] arguments) => Start(dll, redirect, null, arguments);

    private Process Start(string dll, bool redirect, Action<string>? output, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LL_LOG_DIR"] = Path.Combine(DataDirectory, "logs");
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {dll}");
        if (!redirect)
        {
            // Drained (kept only where asked): a full pipe must not stall the process.
            process.OutputDataReceived += (_, e) => output?.Invoke(e.Data ?? "");
            process.ErrorDataReceived += (_, e) => output?.Invoke(e.Data ?? "");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }

    /// <summary>Keeps the engine's latest lines, a bounded number.</summary>
    private void Keep(string line)
    {
        if (line.Length == 0)
        {
            return;
        }

        _engineOutput.Enqueue(line);
        while (_engineOutput.Count > 200 && _engineOutput.TryDequeue(out _))
        {
        }
    }

    private static void Kill(ref Process? process)
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        process.Dispose();
        process = null;
    }

    private string Dll(string project, string name)
    {
        var path = Path.Combine(_root, project, "bin", _configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built: run ./run.sh chaos (it builds first)", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("run from inside the repository (LowLatency.sln not found)");
    }

    [GeneratedRegex("\"port\"\\s*:\\s*\\d+")]
    private static partial Regex PortPattern();
}
