using LowLatency.Ipc.Client;

namespace LowLatency.Bridge.Engine;

/// <summary>Runs the engine link for the lifetime of the bridge.</summary>
public sealed class EngineLinkService(EngineLinkClient link) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => link.RunAsync(stoppingToken);
}
