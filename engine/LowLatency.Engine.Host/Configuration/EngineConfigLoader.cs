using LowLatency.Engine.Configuration;
using LowLatency.Disruptor;

namespace LowLatency.Engine.Host.Configuration;

/// <summary>Reads and validates <c>engine.json</c>; every problem names the file and the field.</summary>
public static class EngineConfigLoader
{
    /// <summary>The stages this host knows how to run, in pipeline order.</summary>
    public static readonly IReadOnlyList<string> KnownStages = ["ingest", "metrics"];

    public static EngineConfig Load(string path)
    {
        var config = ConfigJson.Load<EngineConfig>(path);
        Validate(config, path);
        return config;
    }

    public static EngineConfig Parse(string json, string file)
    {
        var config = ConfigJson.Parse<EngineConfig>(json, file);
        Validate(config, file);
        return config;
    }

    private static void Validate(EngineConfig config, string file)
    {
        if (config.Ring.Size <= 0 || (config.Ring.Size & (config.Ring.Size - 1)) != 0)
        {
            throw new ConfigException(file, "ring.size", $"{config.Ring.Size} is not a positive power of two");
        }

        if (config.Ring.Producer is not ("single" or "multi"))
        {
            throw new ConfigException(file, "ring.producer", $"'{config.Ring.Producer}' is neither 'single' nor 'multi'");
        }

        CheckWaitStrategy(file, "ring.waitStrategy", config.Ring.WaitStrategy);
        if (config.Stages.Count == 0)
        {
            throw new ConfigException(file, "stages", $"at least one stage is needed; known stages: {string.Join(", ", KnownStages)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < config.Stages.Count; i++)
        {
            var stage = config.Stages[i];
            var field = $"stages[{i}]";
            if (!KnownStages.Contains(stage.Name))
            {
                throw new ConfigException(file, $"{field}.name", $"unknown stage '{stage.Name}'; known stages: {string.Join(", ", KnownStages)}");
            }

            if (!seen.Add(stage.Name))
            {
                throw new ConfigException(file, $"{field}.name", $"stage '{stage.Name}' appears twice");
            }

            if (stage.Cpu is < 0)
            {
                throw new ConfigException(file, $"{field}.cpu", $"{stage.Cpu} is negative");
            }

            if (stage.MaxBatchSize < 1)
            {
                throw new ConfigException(file, $"{field}.maxBatchSize", $"{stage.MaxBatchSize} is below 1");
            }

            if (stage.WaitStrategy is not null)
            {
                CheckWaitStrategy(file, $"{field}.waitStrategy", stage.WaitStrategy);
            }
        }

        if (!double.IsFinite(config.Feed.EventsPerSecond) || config.Feed.EventsPerSecond <= 0)
        {
            throw new ConfigException(file, "feed.eventsPerSecond", $"{config.Feed.EventsPerSecond} is not a positive number");
        }

        if (!double.IsFinite(config.StatusIntervalSeconds) || config.StatusIntervalSeconds <= 0)
        {
            throw new ConfigException(file, "statusIntervalSeconds", $"{config.StatusIntervalSeconds} is not a positive number");
        }
    }

    private static void CheckWaitStrategy(string file, string field, string name)
    {
        try
        {
            WaitStrategyFactory.Create(name);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(file, field, e.Message);
        }
    }
}
