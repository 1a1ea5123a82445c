namespace LowLatency.Bridge.Alerts;

/// <summary>
/// Whether this bridge evaluates the alert rules: always on its own; on a cluster bridge that serves the frontend,
/// only while it holds the cluster's alert lease (<see cref="Cluster.ClusterReadSide"/> renews it), so that a rule
/// every bridge shares fires once, not once per bridge.
/// </summary>
public sealed class AlertLeadership
{
    private volatile bool _leading = true;

    public bool Leading
    {
        get => _leading;
        set => _leading = value;
    }
}
