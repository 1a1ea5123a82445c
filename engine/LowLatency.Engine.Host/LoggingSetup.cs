using Microsoft.Extensions.Logging;
using NLog.Config;
using NLog.Extensions.Logging;
using NLog.Targets;

namespace LowLatency.Engine.Host;

/// <summary>NLog to the console and to a rolling file under <c>logs/</c> (or <c>LL_LOG_DIR</c>).</summary>
public static class LoggingSetup
{
    public static ILoggerFactory CreateLoggerFactory()
    {
        // NLog resolves relative paths against the binary's folder; logs belong beside the working directory.
        var logDirectory = Path.GetFullPath(Environment.GetEnvironmentVariable("LL_LOG_DIR") ?? "logs");
        var configuration = new LoggingConfiguration();
        var console = new ConsoleTarget("console") { Layout = "${longdate} ${level:uppercase=true:padding=-5} ${logger} ${message} ${exception:format=tostring}" };
        var file = new FileTarget("file")
        {
            FileName = Path.Combine(logDirectory, "engine.log"),
            ArchiveAboveSize = 50 * 1024 * 1024,
            MaxArchiveFiles = 10,
            Layout = "${longdate} ${level:uppercase=true} ${threadname} ${logger} ${message} ${exception:format=tostring}",
        };
        configuration.AddRule(NLog.LogLevel.Info, NLog.LogLevel.Fatal, console);
        configuration.AddRule(NLog.LogLevel.Debug, NLog.LogLevel.Fatal, file);
        NLog.LogManager.Configuration = configuration;
        return LoggerFactory.Create(builder => builder.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddNLog());
    }
}
