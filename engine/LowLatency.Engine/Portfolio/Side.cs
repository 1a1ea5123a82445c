namespace LowLatency.Engine.Portfolio;

public enum Side
{
    Buy,
    Sell,
}
