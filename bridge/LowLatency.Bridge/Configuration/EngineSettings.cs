using System.Text.Json;
using LowLatency.Engine.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Configuration;

/// <summary>The parts of the engine's <c>engine.json</c> the bridge mirrors: account and risk settings (read the engine's way, strictly).</summary>
public static class EngineSettings
{
    public static (AccountOptions Account, RiskLimits Risk) Load(string path)
    {
        if (!File.Exists(path))
        {
            return (new AccountOptions(), new RiskLimits());
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var account = root.TryGetProperty("account", out var a) ? ConfigJson.Parse<AccountOptions>(a.GetRawText(), path) : new AccountOptions();
        var risk = root.TryGetProperty("risk", out var r) ? ConfigJson.Parse<RiskLimits>(r.GetRawText(), path) : new RiskLimits();
        return (account, risk);
    }
}
