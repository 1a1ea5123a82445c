using System.Globalization;
using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>Reads the symbols' filters from an <c>exchangeInfo</c> answer (spot <c>/api/v3/exchangeInfo</c>, futures <c>/fapi/v1/exchangeInfo</c>); at start-up and on reload, not on the hot path.</summary>
public static class ExchangeInfoReader
{
    /// <exception cref="FormatException">The answer is not exchangeInfo, or a filter's number is not a decimal string.</exception>
    public static IReadOnlyDictionary<string, SymbolFilters> Read(string json)
    {
        using var document = ParseOrThrow(json);
        if (!document.RootElement.TryGetProperty("symbols", out var symbols) || symbols.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("exchangeInfo has no \"symbols\" array");
        }

        var result = new Dictionary<string, SymbolFilters>(StringComparer.Ordinal);
        foreach (var symbol in symbols.EnumerateArray())
        {
            var name = symbol.TryGetProperty("symbol", out var value) ? value.GetString() : null;
            if (string.IsNullOrEmpty(name))
            {
                throw new FormatException("an exchangeInfo symbol has no name");
            }

            var filters = new SymbolFilters { Symbol = name };
            if (symbol.TryGetProperty("filters", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var filter in list.EnumerateArray())
                {
                    filters = With(filters, filter);
                }
            }

            result[name] = filters;
        }

        return result;
    }

    private static SymbolFilters With(SymbolFilters filters, JsonElement filter)
    {
        decimal D(string property) => Number(filters.Symbol, filter, property);
        return (filter.TryGetProperty("filterType", out var type) ? type.GetString() : null) switch
        {
            "PRICE_FILTER" => filters with { MinPrice = D("minPrice"), MaxPrice = D("maxPrice"), TickSize = D("tickSize") },
            "LOT_SIZE" => filters with { MinQuantity = D("minQty"), MaxQuantity = D("maxQty"), StepSize = D("stepSize") },
            "MIN_NOTIONAL" => filters with { MinNotional = filter.TryGetProperty("notional", out _) ? D("notional") : D("minNotional") },
            "NOTIONAL" => filters with { MinNotional = D("minNotional"), MaxNotional = D("maxNotional") },
            "PERCENT_PRICE" => filters with { MultiplierUp = D("multiplierUp"), MultiplierDown = D("multiplierDown") },
            "PERCENT_PRICE_BY_SIDE" => filters with { BidMultipliers = (D("bidMultiplierUp"), D("bidMultiplierDown")), AskMultipliers = (D("askMultiplierUp"), D("askMultiplierDown")) },
            _ => filters, // filters risk does not check (iceberg parts, max orders, trailing delta) are the exchange's to enforce
        };
    }

    private static decimal Number(string symbol, JsonElement filter, string property)
    {
        if (!filter.TryGetProperty(property, out var value))
        {
            return 0;
        }

        if (value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 0)
        {
            return number;
        }

        throw new FormatException($"{symbol}: filter {property} is {value.GetRawText()}, not a non-negative decimal string");
    }

    private static JsonDocument ParseOrThrow(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"exchangeInfo is not JSON: {e.Message}", e);
        }
    }
}
