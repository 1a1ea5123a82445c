using System.Text.Json;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Configuration;

/// <summary>The parts of the engine's <c>engine.json</c> the bridge mirrors: account and risk settings (read the engine's way, strictly), and the cluster shard the engine is.</summary>
public static class EngineSettings
{
    public static (AccountOptions Account, RiskLimits Risk) Load(string path)
    {
        var (account, risk, _) = LoadWithShard(path);
        return (account, risk);
    }

    /// <summary>Also <c>cluster.shard</c>: the shard the linked engine is (null for an engine that is none).</summary>
    public static (AccountOptions Account, RiskLimits Risk, string? Shard) LoadWithShard(string path)
    {
        if (!File.Exists(path))
        {
            return (new AccountOptions(), new RiskLimits(), null);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var account = root.TryGetProperty("account", out var a) ? ConfigJson.Parse<AccountOptions>(a.GetRawText(), path) : new AccountOptions();
        var risk = root.TryGetProperty("risk", out var r) ? ConfigJson.Parse<RiskLimits>(r.GetRawText(), path) : new RiskLimits();
        var shard = root.TryGetProperty("cluster", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("shard", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;
        return (account, risk, shard);
    }
}
