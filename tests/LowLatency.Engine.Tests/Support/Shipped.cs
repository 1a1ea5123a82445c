using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Tests.Support;

/// <summary>The repository's shipped configuration files.</summary>
internal static class Shipped
{
    public static readonly string Root = FindRoot();

    public static readonly Lazy<InstrumentRegistry> LazyRegistry = new(() => InstrumentRegistry.Load(Path.Combine(Root, "config", "instruments.json")));

    public static InstrumentRegistry Registry => LazyRegistry.Value;

    public static string StrategiesDirectory => Path.Combine(Root, "config", "strategies");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LowLatency.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("LowLatency.sln not found above the test directory.");
    }
}
