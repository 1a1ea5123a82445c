namespace LowLatency.Engine.Host.Venues;

/// <summary>What a message we sent asked of the venue about one order: how a reject of it is read.</summary>
internal enum VenueRequest : byte
{
    None,
    New,
    Cancel,
    Replace,
    Status,
}
