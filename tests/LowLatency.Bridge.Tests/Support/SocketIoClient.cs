using System.Diagnostics;
using System.Text.Json;

namespace LowLatency.Bridge.Tests.Support;

/// <summary>
/// Runs the real npm <c>socket.io-client</c> (the frontend's library) through <c>SocketIoClient/client.js</c>,
/// installing it with npm on first use.
/// </summary>
internal static class SocketIoClient
{
    private static readonly string Directory = Path.Combine(Paths.Root, "tests", "LowLatency.Bridge.Tests", "SocketIoClient");
    private static readonly Lock InstallLock = new();

    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "socket.io-client")))
            {
                return;
            }

            var (code, output) = Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            Assert.That(code, Is.Zero, $"npm ci in {Directory}: {output}");
        }
    }

    /// <summary>Connects to <paramref name="baseUrl"/> on <paramref name="ns"/>, subscribes, and returns the events it printed and its exit code.</summary>
    public static (int ExitCode, List<(string Event, JsonElement Data)> Events) Subscribe(Uri baseUrl, string ns, int updatesPerSymbol, params string[] symbols)
    {
        EnsureInstalled();
        var (code, output) = Run("node", ["client.js", baseUrl.ToString().TrimEnd('/'), ns, updatesPerSymbol.ToString(System.Globalization.CultureInfo.InvariantCulture), .. symbols], TimeSpan.FromSeconds(60));
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (e.GetProperty("event").GetString()!, e.GetProperty("data").Clone()))
            .ToList();
        return (code, events);
    }

    /// <summary>
    /// Subscribes a real client to <paramref name="channel"/>, runs <paramref name="trigger"/> once the subscription is
    /// acknowledged, and returns the data of the first <paramref name="eventName"/> event that arrives.
    /// </summary>
    public static async Task<JsonElement> WaitForEventAsync(Uri baseUrl, string channel, string eventName, Func<Task> trigger)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(trigger);
        EnsureInstalled();
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "events.js", baseUrl.ToString().TrimEnd('/'), channel, eventName })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                var e = JsonDocument.Parse(line).RootElement;
                var name = e.GetProperty("event").GetString();
                if (name == "ready")
                {
                    await trigger().ConfigureAwait(false);
                }
                else if (name == eventName)
                {
                    return e.GetProperty("data").Clone();
                }
                else
                {
                    Assert.Fail($"socket.io client: {line}");
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Fail($"socket.io client ended without a '{eventName}' event: {await process.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
        return default;
    }

    private static (int Code, string Output) Run(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
