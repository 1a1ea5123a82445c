namespace LowLatency.Engine.Strategies;

/// <summary>A strategy's decision on one closed bar: direction, confidence (0–1), and exit distances in price units.</summary>
public struct Signal
{
    public SignalDirection Direction;
    public double Confidence;
    public double Price;
    public double StopDistance;
    public double TakeDistance;
    public double Atr;
}
