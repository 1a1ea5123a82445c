using System.Text.Json;
using System.Text.Json.Serialization;

namespace LowLatency.Engine.Configuration;

/// <summary>
/// Reads configuration JSON strictly (unknown fields are errors: a typo must not silently fall back to a
/// default) and turns every parse failure into a <see cref="ConfigException"/> naming the file and the field.
/// </summary>
public static class ConfigJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads <paramref name="path"/>; a missing file is a <see cref="ConfigException"/> too.</summary>
    public static T Load<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(path, "(file)", "not found");
        }

        return Parse<T>(File.ReadAllText(path), path);
    }

    public static T Parse<T>(string json, string file)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new ConfigException(file, "$", "the file holds null, not an object");
        }
        catch (JsonException e)
        {
            throw new ConfigException(file, e.Path ?? "$", e.Message);
        }
    }
}
