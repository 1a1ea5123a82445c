namespace LowLatency.Analytics.Optimisation;

public enum DimensionKind
{
    Continuous,
    Integer,
    Categorical,
}
