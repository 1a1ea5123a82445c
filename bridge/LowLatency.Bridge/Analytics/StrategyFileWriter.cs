using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Writes new parameter values into a strategy file: the edited document is validated as the engine would load
/// it, written to a temporary file beside the original, and swapped in with <see cref="File.Replace(string, string, string)"/>,
/// which keeps the previous version as <c>NAME.json.TIMESTAMP.bak</c> (not loaded: it does not end in <c>.json</c>).
/// </summary>
public static class StrategyFileWriter
{
    public static string Apply(string file, IReadOnlyDictionary<string, object> values, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(values);
        var document = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new ConfigException(file, "", "not a JSON object");
        var parameters = document["parameters"] as JsonObject ?? [];
        foreach (var (name, value) in values)
        {
            var existing = parameters.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            parameters[existing ?? name] = JsonSerializer.SerializeToNode(value);
        }

        document["parameters"] = parameters;
        var text = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

        // Refuse what the engine would refuse, before anything on disk changes.
        var definition = ConfigJson.Parse<StrategyDefinition>(text, file);
        _ = StrategyLoader.Describe(definition, file, registry);

        var temp = file + ".tmp";
        var backup = $"{file}.{DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.bak";
        File.WriteAllText(temp, text);
        File.Replace(temp, file, backup);
        return backup;
    }
}
