using System.Text.Json;
using System.Text.Json.Serialization;

namespace LowLatency.Work;

/// <summary>The one JSON form of tasks and results on the queue: fields included (bars are structs of fields), and infinities kept (a profit factor with no loss is one).</summary>
public static class WorkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static byte[] Encode<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>The decoded value, or null with the reason (the queue carries bytes another process wrote).</summary>
    public static T? Decode<T>(ReadOnlySpan<byte> data, out string? problem)
        where T : class
    {
        try
        {
            problem = null;
            return JsonSerializer.Deserialize<T>(data, Options) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            problem = e.Message;
            return null;
        }
    }
}
