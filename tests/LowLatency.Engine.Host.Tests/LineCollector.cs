using System.Text;

namespace LowLatency.Engine.Host.Tests;

/// <summary>A writer whose complete lines can be read from another thread while it is being written.</summary>
internal sealed class LineCollector : TextWriter
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _partial = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
        {
            if (value == '\n')
            {
                _lines.Add(_partial.ToString().TrimEnd('\r'));
                _partial.Clear();
            }
            else
            {
                _partial.Append(value);
            }
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            foreach (var c in value ?? "")
            {
                Write(c);
            }
        }
    }

    public override void WriteLine(string? value) => Write(value + "\n");
}
