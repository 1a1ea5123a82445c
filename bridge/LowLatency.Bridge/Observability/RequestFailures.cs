using System.Net.WebSockets;
using LowLatency.Bridge.Api;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;

namespace LowLatency.Bridge.Observability;

/// <summary>
/// What an exception that escaped a handler means: the request's fault (a 4xx problem, logged without a stack
/// trace), a client that went away (normal: one info line, no response), a database the answer needs that is
/// away (503, saying so: PostgreSQL in cluster mode), or the bridge's fault (500, logged with its stack trace by
/// the exception-handler middleware).
/// </summary>
public static partial class RequestFailures
{
    public static ExceptionHandlerOptions Options() => new()
    {
        ExceptionHandler = HandleAsync,
        SuppressDiagnosticsCallback = c => IsRequestFault(c.Exception) || IsClientGone(c.HttpContext, c.Exception) || IsStoreAway(c.Exception),
    };

    /// <summary>Arithmetic on a number from the request that leaves decimal's range, or a binding failure, is the request's fault.</summary>
    public static bool IsRequestFault(Exception error) => error is BadHttpRequestException or OverflowException;

    /// <summary>The history store or the read side cannot be reached: nothing the bridge did wrong, and nothing a retry later will not mend.</summary>
    public static bool IsStoreAway(Exception error) => error is Storage.HistoryUnavailableException or Npgsql.NpgsqlException { IsTransient: true };

    public static bool IsClientGone(HttpContext context, Exception error)
    {
        ArgumentNullException.ThrowIfNull(context);
        return error is ConnectionResetException or ConnectionAbortedException
            || error is WebSocketException { WebSocketErrorCode: WebSocketError.ConnectionClosedPrematurely or WebSocketError.InvalidState } or WebSocketException { InnerException: ConnectionAbortedException or ConnectionResetException or IOException }
            || (error is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested);
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is null)
        {
            return;
        }

        if (IsClientGone(context, error))
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LowLatency.Bridge.Requests");
            LogClientGone(logger, context.Request.Path, error.Message);
            return;
        }

        if (IsStoreAway(error))
        {
            LogStoreAway(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LowLatency.Bridge.Requests"), context.Request.Path, error.Message);
            await Problems.Of(StatusCodes.Status503ServiceUnavailable, "Database unavailable", error.Message).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var status = error is BadHttpRequestException bad ? bad.StatusCode : error is OverflowException ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        var detail = error is OverflowException ? "a number in the request is out of range" : error.Message;
        var result = status >= 500
            ? Problems.Of(status, "Server error", "the bridge failed to handle the request; see its log")
            : Problems.Of(status, "Bad request", detail);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path}: a database it needs is away: {Reason}")]
    private static partial void LogStoreAway(ILogger logger, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client went away during {Path}: {Reason}")]
    private static partial void LogClientGone(ILogger logger, PathString path, string reason);
}
