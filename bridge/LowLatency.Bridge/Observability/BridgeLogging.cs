using NLog.Config;
using NLog.Targets;

namespace LowLatency.Bridge.Observability;

/// <summary>NLog: console, a rolling <c>logs/bridge.log</c> and a rolling <c>logs/bridge-requests.log</c> (or under <c>LL_LOG_DIR</c>).</summary>
public static class BridgeLogging
{
    public static LoggingConfiguration Create(string? logDirectory = null)
    {
        var directory = Path.GetFullPath(logDirectory ?? Environment.GetEnvironmentVariable("LL_LOG_DIR") ?? "logs");
        var configuration = new LoggingConfiguration();
        var console = new ConsoleTarget("console") { Layout = "${longdate} ${level:uppercase=true:padding=-5} ${logger} ${message} ${exception:format=tostring}" };
        var file = new FileTarget("file")
        {
            FileName = Path.Combine(directory, "bridge.log"),
            ArchiveAboveSize = 50 * 1024 * 1024,
            MaxArchiveFiles = 10,
            Layout = "${longdate} ${level:uppercase=true} ${logger} ${message} ${exception:format=tostring}",
        };
        var requests = new FileTarget("requests")
        {
            FileName = Path.Combine(directory, "bridge-requests.log"),
            ArchiveAboveSize = 50 * 1024 * 1024,
            MaxArchiveFiles = 10,
            Layout = "${longdate} ${message}",
        };
        configuration.AddRule(NLog.LogLevel.Info, NLog.LogLevel.Fatal, requests, "LowLatency.Bridge.Requests", final: true);
        configuration.AddRule(NLog.LogLevel.Trace, NLog.LogLevel.Info, new NullTarget("framework-chatter"), "Microsoft.*", final: true); // framework: warnings and up only
        configuration.AddRule(NLog.LogLevel.Info, NLog.LogLevel.Fatal, console);
        configuration.AddRule(NLog.LogLevel.Info, NLog.LogLevel.Fatal, file);
        return configuration;
    }
}
