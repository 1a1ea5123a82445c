using System.Diagnostics;

namespace LowLatency.Bridge.Observability;

/// <summary>One log line per HTTP request: method, path, status, milliseconds (the <c>LowLatency.Bridge.Requests</c> logger).</summary>
public sealed partial class RequestLog(RequestDelegate next, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("LowLatency.Bridge.Requests");

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var remote = context.Connection.RemoteIpAddress?.ToString() ?? "-";
                LogRequest(_logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode, milliseconds, remote);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} → {Status} in {Milliseconds:0.0} ms from {Remote}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double milliseconds, string remote);
}
