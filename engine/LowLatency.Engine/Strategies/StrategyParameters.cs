using System.Text.Json;
using LowLatency.Engine.Configuration;

namespace LowLatency.Engine.Strategies;

/// <summary>Typed, range-checked access to a strategy's <c>parameters</c>; every problem names the file and the field.</summary>
public sealed class StrategyParameters(IReadOnlyDictionary<string, JsonElement> values, string file)
{
    private readonly HashSet<string> _read = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ParameterSpec> _declared = [];

    public string File => file;

    /// <summary>Every parameter the strategy asked for, in order, with its range and the value in effect.</summary>
    public IReadOnlyList<ParameterSpec> Declared => _declared;

    public double Number(string name, double fallback, double min, double max)
    {
        var number = ReadNumber(name, fallback, min, max);
        Declare(new ParameterSpec(name, "number", fallback, min, max, null, number));
        return number;
    }

    public int Integer(string name, int fallback, int min, int max)
    {
        var number = ReadNumber(name, fallback, min, max);
        if (number != Math.Floor(number))
        {
            throw new ConfigException(file, $"parameters.{name}", $"{number} is not a whole number");
        }

        Declare(new ParameterSpec(name, "integer", fallback, min, max, null, (int)number));
        return (int)number;
    }

    private double ReadNumber(string name, double fallback, double min, double max)
    {
        _read.Add(name);
        if (!TryGet(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new ConfigException(file, $"parameters.{name}", $"expected a number, found {value.ValueKind.ToString().ToLowerInvariant()}");
        }

        if (number < min || number > max)
        {
            throw new ConfigException(file, $"parameters.{name}", $"{number} is outside {min} … {max}");
        }

        return number;
    }

    public string Word(string name, string fallback, params string[] allowed)
    {
        _read.Add(name);
        var word = fallback;
        if (TryGet(name, out var value))
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (text is null || !allowed.Contains(text, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigException(file, $"parameters.{name}", $"expected one of {string.Join(", ", allowed)}");
            }

            word = text.ToLowerInvariant();
        }

        Declare(new ParameterSpec(name, "word", fallback, null, null, allowed, word));
        return word;
    }

    /// <summary>An object of name → number (e.g. ensemble weights) restricted to <paramref name="allowed"/> names.</summary>
    public IReadOnlyDictionary<string, double> Numbers(string name, IReadOnlyDictionary<string, double> fallback, IReadOnlyCollection<string> allowed)
    {
        _read.Add(name);
        if (!TryGet(name, out var value))
        {
            Declare(new ParameterSpec(name, "weights", fallback, 0, null, [.. allowed], fallback));
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException(file, $"parameters.{name}", "expected an object of name: number");
        }

        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in value.EnumerateObject())
        {
            var field = $"parameters.{name}.{property.Name}";
            if (!allowed.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigException(file, field, $"unknown name; known: {string.Join(", ", allowed)}");
            }

            if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0)
            {
                throw new ConfigException(file, field, "expected a number ≥ 0");
            }

            result[property.Name] = number;
        }

        Declare(new ParameterSpec(name, "weights", fallback, 0, null, [.. allowed], result));
        return result;
    }

    /// <summary>Fails for any parameter the strategy did not ask for: a typo must not fall back to a default silently.</summary>
    public void RejectUnknown(string type)
    {
        foreach (var key in values.Keys)
        {
            if (!_read.Contains(key))
            {
                throw new ConfigException(file, $"parameters.{key}", $"not a parameter of '{type}'; known: {string.Join(", ", _read)}");
            }
        }
    }

    private void Declare(ParameterSpec spec)
    {
        _declared.RemoveAll(d => string.Equals(d.Name, spec.Name, StringComparison.OrdinalIgnoreCase));
        _declared.Add(spec);
    }

    private bool TryGet(string name, out JsonElement value)
    {
        foreach (var (key, element) in values)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = element;
                return true;
            }
        }

        value = default;
        return false;
    }
}
