using System.Diagnostics;

namespace LowLatency.Engine.Host.Commands;

/// <summary>A one-line progress bar on stderr, redrawn at most ten times a second.</summary>
public sealed class ProgressBar(TextWriter output)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private long _lastDrawMs = -1000;

    public void Report(double fraction)
    {
        if (_watch.ElapsedMilliseconds - _lastDrawMs < 100 && fraction < 1)
        {
            return;
        }

        _lastDrawMs = _watch.ElapsedMilliseconds;
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * 40);
        output.Write($"\r[{new string('#', filled)}{new string('.', 40 - filled)}] {fraction * 100,5:F1} %  {_watch.Elapsed.TotalSeconds:F1} s");
        output.Flush();
    }

    public void Done()
    {
        Report(1);
        output.WriteLine();
    }
}
