using System.Text.Json;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Reads a JSON object body by hand so that every way it can be wrong gets a precise 4xx problem: malformed
/// JSON, not an object, a field of the wrong type, NaN or infinite numbers, a body over the size limit.
/// An empty body is an empty object (the frontend sends none for stop, pause and resume).
/// </summary>
public sealed class RequestBody
{
    private readonly JsonElement _root;

    private RequestBody(JsonElement root) => _root = root;

    public static async Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request)
    {
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (buffer.Length == 0)
            {
                return (new RequestBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
            }

            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.BadRequest($"the body must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}"));
            }

            return (new RequestBody(document.RootElement.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"malformed JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Of(e.StatusCode, "Bad request", e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the body is larger than the limit" : e.Message));
        }
    }

    /// <summary>The body as a mutable JSON object (to store as sent).</summary>
    public System.Text.Json.Nodes.JsonObject ToJsonObject() => System.Text.Json.Nodes.JsonNode.Parse(_root.GetRawText())!.AsObject();

    /// <summary>The JSON kind of a field (<see cref="JsonValueKind.Undefined"/> when absent).</summary>
    public JsonValueKind Kind(string name) => _root.TryGetProperty(name, out var value) ? value.ValueKind : JsonValueKind.Undefined;

    public bool Has(string name) => _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string field; error text when present with another type.</summary>
    public string? String(string name, out string? error)
    {
        error = null;
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' must be a string";
            return null;
        }

        return value.GetString();
    }

    /// <summary>A finite number field; error text when present with another type or not representable.</summary>
    public decimal? Number(string name, out string? error)
    {
        error = null;
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            error = value.ValueKind == JsonValueKind.Number ? $"'{name}' is out of range" : $"'{name}' must be a number";
            return null;
        }

        return number;
    }

    /// <summary>An array-of-strings field; error text when present with another shape.</summary>
    public IReadOnlyList<string>? StringArray(string name, out string? error)
    {
        error = null;
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            error = $"'{name}' must be an array of strings";
            return null;
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>A date (<c>YYYY-MM-DD</c>, UTC midnight) or ISO 8601 time field; error text when present and unreadable.</summary>
    public DateTimeOffset? Date(string name, out string? error)
    {
        var text = String(name, out error);
        if (error is not null || text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }

        error = $"'{name}' must be a date (YYYY-MM-DD) or an ISO 8601 time, not '{text}'";
        return null;
    }

    public bool? Boolean(string name, out string? error)
    {
        error = null;
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            error = $"'{name}' must be true or false";
            return null;
        }

        return value.GetBoolean();
    }
}
