namespace LowLatency.Engine.Execution;

/// <summary>What an <see cref="OrderStatus"/> means for the order's life: one definition for the book and for readers of projected orders.</summary>
public static class OrderStatuses
{
    /// <summary>Still working: not filled, cancelled, rejected or expired.</summary>
    public static bool IsWorking(this OrderStatus status) => status is OrderStatus.New or OrderStatus.Accepted or OrderStatus.PartiallyFilled
        or OrderStatus.PendingNew or OrderStatus.PendingCancel or OrderStatus.PendingReplace;
}
