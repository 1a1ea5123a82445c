using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using LowLatency.Engine.Configuration;

namespace LowLatency.Engine.MarketData;

/// <summary>
/// Every instrument the system knows, from <c>config/instruments.json</c>. Resolves a symbol or any alias
/// (case-insensitive) to one instrument; strings stay at the edges, ids go on the hot path.
/// </summary>
public sealed class InstrumentRegistry
{
    private readonly Instrument[] _byId;
    private readonly FrozenDictionary<string, Instrument> _bySymbol;

    private InstrumentRegistry(Instrument[] instruments, FrozenDictionary<string, Instrument> bySymbol)
    {
        _byId = instruments;
        _bySymbol = bySymbol;
    }

    public IReadOnlyList<Instrument> All => _byId;

    public int Count => _byId.Length;

    public static InstrumentRegistry Load(string path) => FromFile(ConfigJson.Load<InstrumentFile>(path), path);

    public static InstrumentRegistry Parse(string json, string file) => FromFile(ConfigJson.Parse<InstrumentFile>(json, file), file);

    private static InstrumentRegistry FromFile(InstrumentFile parsed, string file)
    {
        if (parsed.Instruments is not { Count: > 0 } entries)
        {
            throw new ConfigException(file, "instruments", "at least one instrument is needed");
        }

        var instruments = new Instrument[entries.Count];
        var bySymbol = new Dictionary<string, Instrument>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < entries.Count; i++)
        {
            var field = $"instruments[{i}]";
            var instrument = entries[i].ToInstrument(i, file, field);
            instruments[i] = instrument;
            foreach (var (name, nameField) in instrument.Aliases.Select((a, j) => (a, $"{field}.aliases[{j}]")).Prepend((instrument.Symbol, $"{field}.symbol")))
            {
                if (!bySymbol.TryAdd(name.Trim(), instrument))
                {
                    throw new ConfigException(file, nameField, $"'{name}' is already used by {bySymbol[name.Trim()].Symbol}");
                }
            }
        }

        return new InstrumentRegistry(instruments, bySymbol.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The instrument for a symbol or alias, ignoring case and surrounding spaces.</summary>
    public bool TryResolve(string? symbol, [NotNullWhen(true)] out Instrument? instrument)
    {
        instrument = null;
        return !string.IsNullOrWhiteSpace(symbol) && _bySymbol.TryGetValue(symbol.Trim(), out instrument);
    }

    public Instrument this[int id] => (uint)id < (uint)_byId.Length
        ? _byId[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"No instrument has id {id}.");

    private sealed record InstrumentFile
    {
        public List<InstrumentEntry>? Instruments { get; init; }
    }

    private sealed record InstrumentEntry
    {
        public string? Symbol { get; init; }

        public List<string>? Aliases { get; init; }

        public AssetClass? AssetClass { get; init; }

        public decimal? TickSize { get; init; }

        public decimal? LotSize { get; init; }

        public string? QuoteCurrency { get; init; }

        public string? TradingHours { get; init; }

        public decimal? ReferencePrice { get; init; }

        public double? AnnualVolatility { get; init; }

        public Instrument ToInstrument(int id, string file, string field)
        {
            var symbol = Required(Symbol, file, $"{field}.symbol");
            var tick = Positive(TickSize, file, $"{field}.tickSize");
            var lot = Positive(LotSize, file, $"{field}.lotSize");
            var price = Positive(ReferencePrice, file, $"{field}.referencePrice");
            if (price % tick != 0)
            {
                throw new ConfigException(file, $"{field}.referencePrice", $"{price} is not a whole number of ticks of {tick}");
            }

            if (AnnualVolatility is not { } volatility || !double.IsFinite(volatility) || volatility <= 0 || volatility > 10)
            {
                throw new ConfigException(file, $"{field}.annualVolatility", $"'{AnnualVolatility}' is not a volatility in (0, 10]");
            }

            var aliases = Aliases ?? [];
            for (var j = 0; j < aliases.Count; j++)
            {
                Required(aliases[j], file, $"{field}.aliases[{j}]");
            }

            return new Instrument
            {
                Id = id,
                Symbol = symbol,
                Aliases = [.. aliases],
                AssetClass = AssetClass ?? throw new ConfigException(file, $"{field}.assetClass", "missing (crypto, forex, metal or index)"),
                TickSize = tick,
                LotSize = lot,
                QuoteCurrency = Required(QuoteCurrency, file, $"{field}.quoteCurrency"),
                TradingHours = TradingHours ?? "24x7",
                ReferencePrice = price,
                AnnualVolatility = volatility,
            };
        }

        private static string Required(string? value, string file, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new ConfigException(file, field, "missing or empty") : value.Trim();

        private static decimal Positive(decimal? value, string file, string field) =>
            value is > 0 ? value.Value : throw new ConfigException(file, field, $"'{value}' is not a positive number");
    }
}
