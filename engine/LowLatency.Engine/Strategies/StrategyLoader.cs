using LowLatency.Engine.Configuration;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Strategies;

/// <summary>
/// Reads strategy files and builds one <see cref="Strategy"/> per (file, symbol). Any problem fails at start
/// with the file, the field and why.
/// </summary>
public static class StrategyLoader
{
    public static readonly IReadOnlyList<string> Types = ["mama-fama-cross", "gann-sq9", "ensemble"];

    /// <summary>Every enabled strategy in <c>*.json</c> files of <paramref name="directory"/>, in file-name order.</summary>
    public static IReadOnlyList<Strategy> LoadDirectory(string directory, InstrumentRegistry registry) => Build(LoadDefinitions(directory), registry);

    /// <summary>The strategy files of a directory as written (not yet validated), in file-name order.</summary>
    public static IReadOnlyList<(StrategyDefinition Definition, string File)> LoadDefinitions(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new ConfigException(directory, "(directory)", "not found");
        }

        var files = Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToArray();
        return [.. files.Select(f => (ConfigJson.Load<StrategyDefinition>(f), f))];
    }

    /// <summary>One strategy file's text (tests, the bridge).</summary>
    public static IReadOnlyList<Strategy> Parse(string json, string file, InstrumentRegistry registry) =>
        Build([(ConfigJson.Parse<StrategyDefinition>(json, file), file)], registry);

    public static IReadOnlyList<Strategy> Build(IReadOnlyList<(StrategyDefinition Definition, string File)> definitions, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(registry);
        var strategies = new List<Strategy>();
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var perInstrument = new int[registry.Count];
        foreach (var (definition, file) in definitions)
        {
            Validate(definition, file);
            if (!names.TryAdd(definition.Name, file))
            {
                throw new ConfigException(file, "name", $"'{definition.Name}' is also the name of the strategy in {names[definition.Name]}");
            }

            if (!definition.Enabled)
            {
                continue;
            }

            _ = Timeframes.TryParse(definition.Timeframe, out var timeframe);
            for (var i = 0; i < definition.Symbols.Count; i++)
            {
                if (!registry.TryResolve(definition.Symbols[i], out var instrument))
                {
                    throw new ConfigException(file, $"symbols[{i}]", $"unknown symbol '{definition.Symbols[i]}'; known: {string.Join(", ", registry.All.Select(x => x.Symbol))}");
                }

                if (++perInstrument[instrument.Id] > StrategySlots.Capacity)
                {
                    throw new ConfigException(file, $"symbols[{i}]", $"{instrument.Symbol} already has {StrategySlots.Capacity} strategies, the most one instrument may have");
                }

                var parameters = new StrategyParameters(definition.Parameters, file);
                strategies.Add(Create(definition, parameters, strategies.Count, instrument, timeframe));
                parameters.RejectUnknown(definition.Type);
            }
        }

        return strategies;
    }

    /// <summary>
    /// The parameters a definition's type declares, with ranges and the values in effect: the strategy is built
    /// once (for its first symbol, disabled or not) and its reads recorded. Invalid files throw as in <see cref="Build"/>.
    /// </summary>
    public static IReadOnlyList<ParameterSpec> Describe(StrategyDefinition definition, string file, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(registry);
        Validate(definition, file);
        var symbol = definition.Symbols.Count > 0 ? definition.Symbols[0] : "";
        if (!registry.TryResolve(symbol, out var instrument))
        {
            throw new ConfigException(file, "symbols[0]", $"unknown symbol '{symbol}'");
        }

        _ = Timeframes.TryParse(definition.Timeframe, out var timeframe);
        var parameters = new StrategyParameters(definition.Parameters, file);
        _ = Create(definition, parameters, 0, instrument, timeframe);
        parameters.RejectUnknown(definition.Type);
        return parameters.Declared;
    }

    /// <summary>
    /// Fresh strategies (indicators at their start) with the same definitions, instruments, timeframes and indices
    /// as <paramref name="strategies"/>: a shadow that decides exactly like them without sharing their state.
    /// </summary>
    public static IReadOnlyList<Strategy> Copy(IReadOnlyList<Strategy> strategies)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        return [.. strategies.Select(s => Create(s.Definition, new StrategyParameters(s.Definition.Parameters, s.Name), s.Index, s.Instrument, s.Timeframe))];
    }

    private static Strategy Create(StrategyDefinition definition, StrategyParameters parameters, int index, Instrument instrument, Timeframe timeframe) =>
        definition.Type.ToLowerInvariant() switch
        {
            "mama-fama-cross" => new MamaFamaCrossStrategy(definition, parameters, index, instrument, timeframe),
            "gann-sq9" => new GannLevelStrategy(definition, parameters, index, instrument, timeframe),
            _ => new EnsembleStrategy(definition, parameters, index, instrument, timeframe),
        };

    private static void Validate(StrategyDefinition d, string file)
    {
        if (string.IsNullOrWhiteSpace(d.Name))
        {
            throw new ConfigException(file, "name", "a strategy needs a name");
        }

        if (!Types.Contains(d.Type, StringComparer.OrdinalIgnoreCase))
        {
            throw new ConfigException(file, "type", $"unknown strategy type '{d.Type}'; known: {string.Join(", ", Types)}");
        }

        if (d.Symbols.Count == 0)
        {
            throw new ConfigException(file, "symbols", "at least one symbol is needed");
        }

        if (!Timeframes.TryParse(d.Timeframe, out _))
        {
            throw new ConfigException(file, "timeframe", $"'{d.Timeframe}' is not a timeframe; known: {string.Join(", ", Timeframes.All.Select(t => t.Name()))}");
        }

        Check(file, "exits.atrPeriod", d.Exits.AtrPeriod, 1, 1000);
        Check(file, "exits.stopLossAtr", d.Exits.StopLossAtr, 0.01, 100);
        Check(file, "exits.takeProfitAtr", d.Exits.TakeProfitAtr, 0.01, 100);
        Check(file, "sizing.riskPercent", d.Sizing.RiskPercent, 0.001, 100);
        Check(file, "sizing.atrMultiplier", d.Sizing.AtrMultiplier, 0.01, 100);
        Check(file, "sizing.winRate", d.Sizing.WinRate, 0, 1);
        Check(file, "sizing.payoff", d.Sizing.Payoff, 0.01, 1000);
        Check(file, "sizing.kellyFraction", d.Sizing.KellyFraction, 0, 1);
        Check(file, "sizing.kellyCap", d.Sizing.KellyCap, 0, 1);
    }

    private static void Check(string file, string field, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ConfigException(file, field, $"{value} is outside {min} … {max}");
        }
    }
}
