namespace LowLatency.Engine.Execution;

/// <summary>An order's lifecycle: new → accepted → partially filled → filled / cancelled / rejected / expired.</summary>
public enum OrderStatus : byte
{
    New,
    Accepted,
    PartiallyFilled,
    Filled,
    Cancelled,
    Rejected,
    Expired,
}
