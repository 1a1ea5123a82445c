using System.Globalization;

namespace LowLatency.Engine.Host.Commands;

/// <summary><c>--name value</c> options; unknown or valueless options are errors.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public CommandLine(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandLineException($"unexpected argument '{args[i]}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandLineException($"{args[i]} needs a value");
            }

            _values[args[i]] = args[++i];
        }
    }

    public string? Value(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    public string Required(string name) => Value(name) ?? throw new CommandLineException($"{name} is required");

    public DateTimeOffset Date(string name)
    {
        var text = Required(name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new CommandLineException($"{name}: '{text}' is not a date such as 2024-01-31");
    }

    /// <summary>Fails for options the command did not read (typos).</summary>
    public void RejectUnknown()
    {
        foreach (var name in _values.Keys)
        {
            if (!_read.Contains(name))
            {
                throw new CommandLineException($"unknown option {name}");
            }
        }
    }
}
