using System.Text.Json;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Reads a JSON object body by hand so that every way it can be wrong gets a precise 4xx problem: malformed
/// JSON or invalid UTF-8, not an object, duplicate keys, strings that are not valid Unicode (lone surrogates),
/// a field of the wrong type, NaN, infinite or out-of-range numbers, a body over the size limit, and — for the
/// small, fully specified bodies of trading control, orders and positions — a field the route does not know.
/// An empty body is an empty object (the frontend sends none for stop, pause and resume).
/// </summary>
public sealed class RequestBody
{
    /// <summary>The largest magnitude any number field may have: beyond every price, quantity or amount, and far inside decimal's range, so arithmetic on it cannot overflow.</summary>
    public const decimal MaxMagnitude = 1e15m;

    private const string InvalidUnicode = "a string in the body is not valid Unicode (a lone surrogate escape)";

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private readonly JsonElement _root;

    private RequestBody(JsonElement root) => _root = root;

    /// <summary>Any JSON object body (routes the frontend fills with more fields than the bridge reads).</summary>
    public static Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request) => ReadAsync(request, allowedFields: null);

    /// <summary>A body whose fields must all be in <paramref name="allowedFields"/> (null: any field).</summary>
    public static async Task<(RequestBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, IReadOnlySet<string>? allowedFields)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (buffer.Length == 0)
            {
                return (new RequestBody(JsonDocument.Parse("{}").RootElement.Clone()), null);
            }

            using var document = JsonDocument.Parse(buffer.ToArray(), Strict);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, Problems.BadRequest($"the body must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}"));
            }

            if (InvalidText(root) is { } invalid)
            {
                return (null, Problems.BadRequest(invalid));
            }

            foreach (var field in allowedFields is null ? default : root.EnumerateObject())
            {
                if (!allowedFields!.Contains(field.Name))
                {
                    var takes = allowedFields.Count == 0 ? "no fields" : string.Join(", ", allowedFields.Order(StringComparer.Ordinal));
                    return (null, Problems.BadRequest($"unknown field '{field.Name}' (this route takes {takes})"));
                }
            }

            return (new RequestBody(root.Clone()), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"malformed JSON: {e.Message}"));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-key check decodes keys while parsing: a key that is not valid UTF-16 fails there.
            return (null, Problems.BadRequest(InvalidUnicode));
        }
        catch (BadHttpRequestException e)
        {
            return (null, Problems.Of(e.StatusCode, "Bad request", e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the body is larger than the limit" : e.Message));
        }
    }

    /// <summary>
    /// Of two spellings of one field (<c>type</c>/<c>order_type</c>), the one the body uses; an error when it uses both.
    /// </summary>
    public string Alias(string name, string alias, out string? error)
    {
        error = Has(name) && Has(alias) ? $"'{name}' and '{alias}' are the same field; send one of them" : null;
        return Has(alias) ? alias : name;
    }

    /// <summary>The first string (key or value) that is not valid Unicode, as an error text; null when all are.</summary>
    private static string? InvalidText(JsonElement element)
    {
        try
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        if (InvalidText(property.Value) is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        if (InvalidText(item) is { } inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case JsonValueKind.String:
                    _ = element.GetString();
                    return null;
                default:
                    return null;
            }
        }
        catch (InvalidOperationException)
        {
            return InvalidUnicode;
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

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || Math.Abs(number) > MaxMagnitude)
        {
            error = value.ValueKind == JsonValueKind.Number ? $"'{name}' is out of range (at most {MaxMagnitude:0.#E+0} in magnitude)" : $"'{name}' must be a number";
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
