using System.Runtime.InteropServices;

namespace LowLatency.Engine.Host.Commands;

/// <summary>A long-running command's stop: Ctrl-C, SIGTERM or the optional duration, each a clean stop rather than death mid-work.</summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration _sigterm;

    public StopSignal(TimeSpan? duration)
    {
        _stop = duration is { } d ? new CancellationTokenSource(d) : new CancellationTokenSource();
        Console.CancelKeyPress += OnCancelKey;
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _stop.Cancel();
        });
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKey;
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void OnCancelKey(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _stop.Cancel();
    }
}
