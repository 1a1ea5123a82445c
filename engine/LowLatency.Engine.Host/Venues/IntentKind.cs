namespace LowLatency.Engine.Host.Venues;

internal enum IntentKind : byte
{
    New,
    Cancel,
}
