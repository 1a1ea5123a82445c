using System.Globalization;

namespace LowLatency.Engine.Host.Commands;

/// <summary><c>--name value</c> options and the known valueless flags; unknown options and missing values are errors.</summary>
public sealed class CommandLine
{
    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> KnownFlags = new(StringComparer.Ordinal) { "--clear-halt", "--hl2" };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _all = new(StringComparer.Ordinal);
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

            if (KnownFlags.Contains(args[i]))
            {
                _values[args[i]] = "true";
                continue;
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandLineException($"{args[i]} needs a value");
            }

            _values[args[i]] = args[i + 1];
            if (!_all.TryGetValue(args[i], out var list))
            {
                _all[args[i]] = list = [];
            }

            list.Add(args[++i]);
        }
    }

    public string? Value(string name)
    {
        _read.Add(name);
        return _values.GetValueOrDefault(name);
    }

    /// <summary>Every value of an option that may be repeated (<c>--input A --input B</c>), in the order given.</summary>
    public IReadOnlyList<string> Values(string name)
    {
        _read.Add(name);
        return _all.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>Whether a valueless flag (one of <see cref="KnownFlags"/>) was given.</summary>
    public bool Flag(string name) => Value(name) is not null;

    public string Required(string name) => Value(name) ?? throw new CommandLineException($"{name} is required");

    public DateTimeOffset Date(string name)
    {
        var text = Required(name);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : throw new CommandLineException($"{name}: '{text}' is not a date such as 2024-01-31");
    }

    /// <summary>An optional duration such as 30s, 5m or 1h; null when not given.</summary>
    public TimeSpan? Duration(string name) =>
        Value(name) is not { } text ? null
        : DurationParser.TryParse(text, out var parsed) ? parsed
        : throw new CommandLineException($"{name}: '{text}' is not a duration such as 30s, 5m or 1h");

    /// <summary>An optional positive whole number.</summary>
    public int? Positive(string name) =>
        Value(name) is not { } text ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new CommandLineException($"{name}: '{text}' is not a positive whole number");

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
