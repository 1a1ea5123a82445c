using System.Net.WebSockets;
using LowLatency.Bridge.Api;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;

namespace LowLatency.Bridge.Observability;

/// <summary>
/// What an exception that escaped a handler means: the request's fault (a 4xx problem, logged without a stack
/// trace), a client that went away (normal: one info line, no response), or the bridge's fault (500, logged
/// with its stack trace by the exception-handler middleware).
/// </summary>
public static partial class RequestFailures
{
    public static ExceptionHandlerOptions Options() => new()
    {
        ExceptionHandler = HandleAsync,
        SuppressDiagnosticsCallback = c => IsRequestFault(c.Exception) || IsClientGone(c.HttpContext, c.Exception),
    };

    /// <summary>Arithmetic on a number from the request that leaves decimal's range, or a binding failure, is the request's fault.</summary>
    public static bool IsRequestFault(Exception error) => error is BadHttpRequestException or OverflowException;

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

        var status = error is BadHttpRequestException bad ? bad.StatusCode : error is OverflowException ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
        var detail = error is OverflowException ? "a number in the request is out of range" : error.Message;
        var result = status >= 500
            ? Problems.Of(status, "Server error", "the bridge failed to handle the request; see its log")
            : Problems.Of(status, "Bad request", detail);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client went away during {Path}: {Reason}")]
    private static partial void LogClientGone(ILogger logger, PathString path, string reason);
}
